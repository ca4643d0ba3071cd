package com.exponential.access.webhook;

import java.util.UUID;

/** CDI event fired when a delivery has been stored, so a worker can pick it up at once (after commit). */
public record DeliveryAccepted(UUID deliveryId) {
}
