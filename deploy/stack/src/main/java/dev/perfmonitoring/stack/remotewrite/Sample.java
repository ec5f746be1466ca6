package dev.perfmonitoring.stack.remotewrite;

/**
 * A float sample of a remote-write time series (Prometheus's {@code prompb.Sample}).
 *
 * @param value           the value; {@link #STALE_NAN} marks the series stale
 * @param timestampMillis milliseconds since the epoch
 */
public record Sample(double value, long timestampMillis) {

    /** Prometheus's stale marker ({@code value.StaleNaN}, bits {@code 0x7ff0000000000002}). */
    public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

    /** A stale marker at this instant: the series ends here instead of lingering for the 5-minute lookback. */
    public static Sample staleMarker(long timestampMillis) {
        return new Sample(STALE_NAN, timestampMillis);
    }

    /** Whether this is a stale marker (compares the bits: every NaN is unequal to itself). */
    public boolean isStaleMarker() {
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(STALE_NAN);
    }
}
