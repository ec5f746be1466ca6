package dev.perfmonitoring.exporter.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A request body with a total and parts of it; {@link WithinTotal} rejects a part greater than the total. */
public interface RequestCounts {

    Double total();

    Double failed();

    /** Successful requests, when the body carries them. */
    default Double success() {
        return null;
    }

    /** {@code failed} and {@code success} must not exceed {@code total}; the violation names the offending field. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = WithinTotal.Validator.class)
    @interface WithinTotal {

        String message() default "must not be greater than total";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<WithinTotal, RequestCounts> {

            @Override
            public boolean isValid(RequestCounts counts, ConstraintValidatorContext context) {
                // an invalid total is reported by its own constraint; comparing against it would only add noise
                if (counts == null || counts.total() == null || !Double.isFinite(counts.total()) || counts.total() < 0) {
                    return true;
                }
                boolean valid = true;
                context.disableDefaultConstraintViolation();
                if (counts.failed() != null && counts.failed() > counts.total()) {
                    valid = violation(context, "failed");
                }
                if (counts.success() != null && counts.success() > counts.total()) {
                    valid = violation(context, "success");
                }
                return valid;
            }

            private static boolean violation(ConstraintValidatorContext context, String field) {
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode(field)
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
