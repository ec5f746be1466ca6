package dev.perfmonitoring.exporter.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A count or duration: a finite number, zero or more (null is left to {@code @NotNull}). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FiniteNonNegative.Validator.class)
public @interface FiniteNonNegative {

    String message() default "must be a finite number >= 0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FiniteNonNegative, Double> {

        @Override
        public boolean isValid(Double value, ConstraintValidatorContext context) {
            return value == null || (Double.isFinite(value) && value >= 0);
        }
    }
}
