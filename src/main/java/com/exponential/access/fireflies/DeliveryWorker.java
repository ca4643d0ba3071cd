package com.exponential.access.fireflies;

import com.exponential.access.webhook.DeliveryAccepted;
import com.exponential.access.webhook.WebhookDelivery;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Processes stored deliveries: claims them (any number of replicas), fetches each transcript from
 * Fireflies, and stores the meeting and its actions. Runs at once after a delivery or a set-up is
 * saved, and on a timer for retries and for work a crashed replica left behind.
 */
@ApplicationScoped
public class DeliveryWorker {

    @Inject
    DeliveryQueue queue;

    @Inject
    FirefliesClient fireflies;

    @Inject
    MeetingIngestor ingestor;

    @Inject
    IntegrationService integrations;

    @Inject
    FirefliesConfig config;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fireflies-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    void afterDelivery(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryAccepted accepted) {
        nudge();
    }

    @Scheduled(every = "${exponential.fireflies.worker.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        nudge();
    }

    void stop(@Observes ShutdownEvent event) {
        // Whatever is in flight keeps its lease until it runs out; then another replica takes it over.
        executor.shutdownNow();
    }

    /** Asks for a pass over the queue; a pass already running takes the request over, so nothing waits twice. */
    public void nudge() {
        wanted.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::loop);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.set(false);
            }
        }
    }

    private void loop() {
        try {
            while (wanted.getAndSet(false)) {
                long started = System.nanoTime();
                drain();
                long rest = config.worker().passInterval().toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (rest > 0 && wanted.get()) {
                    Thread.sleep(rest);
                }
            }
        } catch (InterruptedException e) {
            // Shutting down: claims in flight come back when their lease runs out.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (com.exponential.access.common.DatabaseUnavailable.isCause(e)) {
                // Deliveries claimed before the outage come back when their lease runs out.
                com.exponential.access.common.DatabaseUnavailable.warn("the Fireflies worker paused; the next poll resumes", e);
            } else {
                Log.errorf(e, "The Fireflies worker stopped a pass; the next poll resumes");
            }
        } finally {
            running.set(false);
        }
    }

    /** Claims and processes due deliveries until none are left. */
    void drain() {
        List<DeliveryQueue.Claim> claims;
        while (!(claims = queue.claim(config.worker().batchSize())).isEmpty()) {
            for (DeliveryQueue.Claim claim : claims) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                process(claim);
            }
        }
    }

    /** One delivery, from claim to done, retry, setup-required or failed. */
    public void process(DeliveryQueue.Claim claim) {
        Work work = prepare(claim);
        if (work == null) {
            return;
        }
        FirefliesClient.Result result = fireflies.transcript(work.apiKey(), work.transcriptId());
        try {
            if (result instanceof FirefliesClient.Found found) {
                ingestor.ingest(claim, work.transcriptId(), work.workspaceId(), work.userId(), found.data());
            } else if (result instanceof FirefliesClient.NotFound notFound) {
                queue.retryLater(claim, notFound.reason(), null);
            } else if (result instanceof FirefliesClient.Retry retry) {
                queue.retryLater(claim, retry.reason(), retry.retryAfter().orElse(null));
            } else if (result instanceof FirefliesClient.Rejected rejected) {
                integrations.markRejected(work.integrationId());
                queue.finish(claim, WebhookDelivery.Status.SETUP_REQUIRED, rejected.reason() + " Enter a new key on the Workflows page.");
            } else if (result instanceof FirefliesClient.Failed failed) {
                queue.finish(claim, WebhookDelivery.Status.FAILED, failed.reason());
            }
        } catch (MeetingIngestor.LostClaimException e) {
            Log.infof("Delivery %s was taken over by another worker after its lease ran out", claim.deliveryId());
        }
    }

    /** What one Fireflies call needs; null when the delivery is no longer ours or must wait for the set-up. */
    record Work(String transcriptId, String apiKey, java.util.UUID integrationId, java.util.UUID workspaceId, java.util.UUID userId) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Work prepare(DeliveryQueue.Claim claim) {
        WebhookDelivery delivery = queue.held(claim);
        if (delivery == null) {
            return null;
        }
        Integration integration = Integration.fireflies(delivery.userId).orElse(null);
        List<String> problems = integration == null
                ? List.of(WebhookDelivery.NOT_SET_UP)
                : integrations.problemsForProcessing(integration);
        if (!problems.isEmpty()) {
            String reason = String.join(" ", problems);
            queue.finish(claim, WebhookDelivery.Status.SETUP_REQUIRED, reason);
            queue.parkAll(delivery.userId, reason);
            releaseIfSetUpMeanwhile(delivery.userId);
            return null;
        }
        return new Work(delivery.firefliesMeetingId, integrations.apiKey(integration), integration.id, integration.workspaceId, delivery.userId);
    }

    /**
     * The set-up may have been saved between our look at it and the commit of Setup Required: its
     * release then ran before this delivery was parked. Looking again (in a fresh transaction, past
     * every commit) and releasing keeps an acknowledged delivery from waiting for a set-up that exists.
     */
    private void releaseIfSetUpMeanwhile(java.util.UUID userId) {
        boolean ready = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                Integration.fireflies(userId).map(i -> integrations.problemsForProcessing(i).isEmpty()).orElse(false));
        if (ready) {
            queue.release(userId);
        }
    }
}
