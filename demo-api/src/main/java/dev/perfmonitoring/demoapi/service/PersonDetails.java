package dev.perfmonitoring.demoapi.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** What a client sends to create or replace a person; the server assigns id and timestamps. */
public record PersonDetails(
        @NotBlank(message = "first_name is required") String firstName,
        @NotBlank(message = "last_name is required") String lastName,
        @Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "email must look like name@example.org") String email,
        String address) {
}
