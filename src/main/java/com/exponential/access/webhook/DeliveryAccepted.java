package com.exponential.access.webhook;

import java.util.UUID;

/** CDI event fired when deliveries have been stored (the id is one of them), so a worker can pick them up at once. */
public record DeliveryAccepted(UUID deliveryId) {
}
