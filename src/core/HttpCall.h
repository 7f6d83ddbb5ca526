#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "RetryPolicy.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;
class RequestAuthenticator;
class RequestThrottle;

// Sends one HttpRequest until it gets an answer worth giving: retries network errors and 5xx with
// backoff, waits out 429 for as long as the server asks, renews expired credentials once, and treats a
// connection silent for longer than the idle timeout as dropped. Lives on the thread of its network
// access manager. finished() is emitted exactly once; the call does not delete itself.
// With a throttle, every attempt waits for its turn there before it is sent.
class HttpCall : public QObject
{
    Q_OBJECT

public:
    // Where a successful answer's body goes instead of memory, as it arrives (a download to disk). Every attempt's
    // request goes to prepare first, which may ask for only what the sink still lacks (a Range header). A 2xx
    // answer's status and headers go to begin before its body goes to write, which takes every byte the reply has
    // available each time (read straight into the sink: no copy of Qt's own); either stops the call by returning an
    // error message.
    struct BodySink
    {
        std::function<void(HttpRequest& request)> prepare;
        std::function<QString(const HttpResponse& head)> begin;
        std::function<QString(QIODevice& body)> write;
    };

    HttpCall(QNetworkAccessManager* network, const HttpRequest& request, RequestAuthenticator* authenticator,
             QObject* parent = nullptr);
    ~HttpCall() override;

    void setRetryPolicy(const RetryPolicy& policy) { m_policy = policy; }
    void setBodySink(BodySink sink) { m_sink = std::move(sink); }
    // Whether a status is retried with backoff; by default every 5xx.
    void setRetryableStatus(std::function<bool(const HttpResponse&)> isRetryable) { m_isRetryable = isRetryable; }
    // Paces every attempt, the first and each retry, under an API's request limit. Not owned; it must outlive the
    // call, which otherwise waits for a turn that never comes.
    void setThrottle(RequestThrottle* throttle);

    void start();
    void abort();
    const HttpRequest& request() const { return m_request; }
    int attempts() const { return m_attempt; }
    // Whether an attempt may have been carried out although its answer never came whole (a connection that broke
    // after the request went, a server that failed midway): a request sent again may then find its work done
    // (a file connected already).
    bool mayHaveBeenCarriedOut() const { return m_mayHaveBeenCarriedOut; }

signals:
    // Bytes of the current attempt's body sent, or received for a download.
    void uploadProgress(qint64 done, qint64 total);
    void downloadProgress(qint64 done, qint64 total);
    // Before waiting to try again, with the reason, for logs and the transfers panel.
    void retrying(int delayMs, const QString& reason);
    void finished(const HttpResponse& response);

private:
    void attempt();
    void takeTurn();
    void send();
    void endTurn();
    void onFinished();
    void onReadyRead();
    void retryLater(int delayMs, const QString& reason);
    void finish(const HttpResponse& response);
    HttpResponse responseOf(QNetworkReply* reply) const;
    bool maySendAgain(const HttpResponse& response) const;
    // Whether the answer says that the server did not carry the request out.
    static bool wasNotCarriedOut(const HttpResponse& response);
    void touch();

    QNetworkAccessManager* m_network;
    HttpRequest m_request;
    QPointer<RequestAuthenticator> m_authenticator;
    RetryPolicy m_policy;
    BodySink m_sink;
    std::function<bool(const HttpResponse&)> m_isRetryable;
    QPointer<RequestThrottle> m_throttle;
    // The current attempt's turn at the throttle. Deleting it gives up a turn still awaited, or ends the place
    // held by a request that is dropped.
    std::unique_ptr<QObject> m_turn;
    // Guarded: stopping the network thread deletes the access manager, and its replies with it, first.
    QPointer<QNetworkReply> m_reply;
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    int m_attempt = 0;
    bool m_renewedCredentials = false;
    bool m_mayHaveBeenCarriedOut = false;
    bool m_timedOut = false;
    bool m_finished = false;
    QString m_sinkError;
    // The current attempt's answer has gone to the sink's begin.
    bool m_sinkBegun = false;
    // The current attempt's answer, bound for the sink, was not the one asked for (HttpRequest::isExpectedAnswer).
    bool m_notTheAnswer = false;
    QByteArray m_body;
    // Body bytes of the current attempt, wherever they went.
    qint64 m_received = 0;
};
