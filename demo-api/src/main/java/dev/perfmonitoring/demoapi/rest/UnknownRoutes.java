package dev.perfmonitoring.demoapi.rest;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A JSON 404 for every path no route serves, on the application port and on the management port. */
@ApplicationScoped
public class UnknownRoutes {

    void answerOnApplicationPort(@Observes Router router) {
        answerUnknownPaths(router);
    }

    void answerOnManagementPort(@Observes ManagementInterface management) {
        answerUnknownPaths(management.router());
    }

    private static void answerUnknownPaths(Router router) {
        router.route().order(Integer.MAX_VALUE)
                .handler(context -> ApiError.send(context, 404, "no route for " + context.normalizedPath()));
    }
}
