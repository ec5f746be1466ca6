package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.ScrapeJob;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prometheus scrape jobs equivalent to the chart's ServiceMonitors: for each ServiceMonitor endpoint, the job name
 * the operator would give it (the selected Service's {@code jobLabel} label), its path and {@code honorLabels},
 * pointed at the component's loopback port instead of the Service.
 */
public final class ScrapeJobs {

    private ScrapeJobs() {
    }

    public static List<ScrapeJob> fromChart(RenderedChart chart, StackPorts ports) {
        List<Service> services = chart.resources(Service.class);
        List<ScrapeJob> jobs = new ArrayList<>();
        for (ServiceMonitor monitor : chart.resources(ServiceMonitor.class)) {
            Service service = selectedService(monitor, services);
            String job = service.getMetadata().getLabels().get(monitor.getSpec().getJobLabel());
            if (job == null) {
                throw new IllegalStateException("ServiceMonitor " + monitor.getMetadata().getName() + ": Service "
                        + service.getMetadata().getName() + " has no " + monitor.getSpec().getJobLabel() + " label");
            }
            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                jobs.add(new ScrapeJob(job, endpoint.getPath(), Boolean.TRUE.equals(endpoint.getHonorLabels()),
                        List.of("127.0.0.1:" + ports.of(job))));
            }
        }
        return jobs;
    }

    private static Service selectedService(ServiceMonitor monitor, List<Service> services) {
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        List<Service> selected = services.stream()
                .filter(service -> service.getMetadata().getLabels() != null
                        && service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (selected.size() != 1) {
            throw new IllegalStateException("ServiceMonitor " + monitor.getMetadata().getName() + " selects "
                    + selected.size() + " Services, expected exactly one");
        }
        return selected.get(0);
    }
}
