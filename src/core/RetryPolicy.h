#pragma once

#include <QByteArray>
#include <QRandomGenerator>

// When to try a request again: exponential backoff with full jitter for failures that may pass
// (network errors, 5xx), and the server's own Retry-After for 429. Shared by every remote store.
class RetryPolicy
{
public:
    int maxAttempts = 8;
    int baseDelayMs = 500;
    int maxDelayMs = 60000;
    // The least wait when a 429 names no delay; HttpCall adds backoffDelayMs() of the attempt to it.
    int defaultRateLimitDelayMs = 5000;

    // The wait before attempt number `attempt` (1 for the first retry), somewhere in [0, cap] so that
    // many clients failing together do not come back together.
    int backoffDelayMs(int attempt, QRandomGenerator* random = QRandomGenerator::global()) const;
    // Retry-After as seconds or as an HTTP date; -1 when absent or unreadable.
    static int retryAfterMs(const QByteArray& headerValue);
};
