package dev.perfmonitoring.exporter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error answer: {@code {"error": "<field>: <what is wrong>", "status": 400}}. */
@RegisterForReflection
public record ErrorBody(String error, int status) {
}
