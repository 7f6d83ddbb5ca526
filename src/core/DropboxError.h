#pragma once

#include "HttpResponse.h"
#include "StoreReply.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

// A failed Dropbox call, read the way the API defines its errors: 409 route errors as nested .tag
// unions, 401 AuthError, 429 RateLimitError, plain-text 400 and 5xx. Turns each into a StoreReply error
// and a message a bookkeeper can act on.
class DropboxError
{
public:
    // `subject` names what the call was about ("receipt.pdf", "Invoice 4455") for the message.
    static DropboxError fromResponse(const HttpResponse& response, const QString& subject);

    StoreReply::Error code() const { return m_code; }
    QString message() const { return m_message; }
    // The union tags from the outside in: {"path", "not_found"}.
    QStringList tags() const { return m_tags; }
    bool hasTag(const QString& tag) const { return m_tags.contains(tag); }
    // The offset an upload session actually holds, from incorrect_offset.
    std::optional<qint64> correctOffset() const { return m_correctOffset; }

    // Worth sending again as it is: write contention and server errors.
    static bool isRetryable(const HttpResponse& response);

private:
    StoreReply::Error m_code = StoreReply::Error::Server;
    QString m_message;
    QStringList m_tags;
    std::optional<qint64> m_correctOffset;
};
