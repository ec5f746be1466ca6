package dev.perfmonitoring.exporter.config;

/** When an accepted result reaches the Pushgateway. */
public enum PushMode {
    /** The write answers 202 at once; a background pusher sends each group's latest state at most once per interval. */
    COALESCED,
    /** The write pushes inside the request, as the original exporter did, and answers 200 once the state is pushed. */
    SYNC
}
