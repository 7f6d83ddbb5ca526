#include "DropboxError.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DropboxError", text);
}

// Follows a stone union down through members that carry another union ({".tag":"path","path":{...}})
// and the `reason` of an upload's path error.
void collectTags(const QJsonObject& object, QStringList& tags, std::optional<qint64>& correctOffset)
{
    const QString tag = object.value(QLatin1String(".tag")).toString();
    if (tag.isEmpty())
        return;
    tags.append(tag);
    if (object.contains(QLatin1String("correct_offset")))
        correctOffset = object.value(QLatin1String("correct_offset")).toInteger();
    for (const QString& key : { tag, QStringLiteral("reason") }) {
        const QJsonValue inner = object.value(key);
        if (inner.isObject())
            collectTags(inner.toObject(), tags, correctOffset);
        else if (inner.isString() && key == tag)
            tags.append(inner.toString());
    }
}
} // namespace

bool DropboxError::isRetryable(const HttpResponse& response)
{
    if (response.status >= 500)
        return true;
    return response.status == 409 && response.body.contains("too_many_write_operations");
}

DropboxError DropboxError::fromResponse(const HttpResponse& response, const QString& subject)
{
    DropboxError error;
    if (response.cancelled) {
        error.m_code = StoreReply::Error::Cancelled;
        error.m_message = tr("Cancelled.");
        return error;
    }
    if (!response.authorizationError.isEmpty()) {
        error.m_code = StoreReply::Error::SignedOut;
        error.m_message = response.authorizationError;
        return error;
    }
    if (response.isNetworkFailure()) {
        error.m_code = StoreReply::Error::Network;
        error.m_message = tr("Could not reach Dropbox: %1").arg(response.errorString);
        return error;
    }

    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QJsonObject inner = body.value(QLatin1String("error")).toObject();
    collectTags(inner, error.m_tags, error.m_correctOffset);
    const QString userMessage
        = body.value(QLatin1String("user_message")).toObject().value(QLatin1String("text")).toString();

    switch (response.status) {
    case 400:
        error.m_code = StoreReply::Error::Refused;
        error.m_message
            = tr("Dropbox refused the request: %1").arg(QString::fromUtf8(response.body.left(300)).trimmed());
        return error;
    case 401:
        // An access token that expired again right after it was renewed is worth another try later; the other
        // AuthErrors (invalid_access_token, user_suspended, ...) mean the account must connect again.
        if (error.hasTag(QStringLiteral("expired_access_token"))) {
            error.m_code = StoreReply::Error::Server;
            error.m_message = tr("Dropbox did not accept a renewed access token; trying again later.");
            return error;
        }
        error.m_code = StoreReply::Error::SignedOut;
        error.m_message = tr("Dropbox signed this account out. Connect it again in Accounts.");
        return error;
    case 403:
        error.m_code = StoreReply::Error::PermissionDenied;
        error.m_message = tr("Dropbox does not allow this app to do that.");
        return error;
    case 429:
        error.m_code = StoreReply::Error::Server;
        error.m_message = tr("Dropbox is busy; try again in a few minutes.");
        return error;
    case 409:
        break;
    default:
        error.m_code = StoreReply::Error::Server;
        error.m_message = tr("Dropbox had a problem (HTTP %1). Try again later.").arg(response.status);
        return error;
    }

    // Route errors: the innermost tag says what happened.
    struct Meaning
    {
        const char* tag;
        StoreReply::Error code;
        const char* text;
    };
    static const Meaning meanings[] = {
        { "not_found", StoreReply::Error::NotFound,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” was not found in Dropbox.") },
        { "not_file", StoreReply::Error::NotFound,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is not a file in Dropbox.") },
        { "not_folder", StoreReply::Error::NotFound,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is not a folder in Dropbox.") },
        { "conflict", StoreReply::Error::AlreadyExists,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” already exists in Dropbox.") },
        { "insufficient_space", StoreReply::Error::DiskFull,
          QT_TRANSLATE_NOOP("DropboxError", "The Dropbox account is full: “%1” was not saved.") },
        { "insufficient_quota", StoreReply::Error::DiskFull,
          QT_TRANSLATE_NOOP("DropboxError", "The Dropbox account is full: “%1” was not saved.") },
        { "disallowed_name", StoreReply::Error::InvalidName,
          QT_TRANSLATE_NOOP("DropboxError", "Dropbox does not allow the name “%1”.") },
        { "malformed_path", StoreReply::Error::InvalidName,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is not a valid Dropbox path.") },
        { "no_write_permission", StoreReply::Error::PermissionDenied,
          QT_TRANSLATE_NOOP("DropboxError", "This Dropbox account may not change “%1”.") },
        { "restricted_content", StoreReply::Error::PermissionDenied,
          QT_TRANSLATE_NOOP("DropboxError", "Dropbox restricts access to “%1”.") },
        { "team_folder", StoreReply::Error::PermissionDenied,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is in a team folder that cannot be changed.") },
        { "payload_too_large", StoreReply::Error::TooLarge,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is too large for one request.") },
        { "too_large", StoreReply::Error::TooLarge,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” is larger than Dropbox accepts.") },
        { "content_hash_mismatch", StoreReply::Error::Corrupted,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” was damaged on the way to Dropbox.") },
        { "unsupported_extension", StoreReply::Error::Unsupported,
          QT_TRANSLATE_NOOP("DropboxError", "Dropbox makes no thumbnails of “%1”.") },
        { "unsupported_image", StoreReply::Error::Unsupported,
          QT_TRANSLATE_NOOP("DropboxError", "Dropbox makes no thumbnails of “%1”.") },
        { "cant_move_folder_into_itself", StoreReply::Error::InvalidName,
          QT_TRANSLATE_NOOP("DropboxError", "“%1” cannot be moved into itself.") },
        { "too_many_write_operations", StoreReply::Error::Server,
          QT_TRANSLATE_NOOP("DropboxError", "Dropbox is busy writing other files; “%1” was not changed.") },
    };
    for (auto it = error.m_tags.crbegin(); it != error.m_tags.crend(); ++it) {
        for (const Meaning& meaning : meanings) {
            if (*it == QLatin1String(meaning.tag)) {
                error.m_code = meaning.code;
                error.m_message = QCoreApplication::translate("DropboxError", meaning.text).arg(subject);
                return error;
            }
        }
    }
    error.m_code = StoreReply::Error::Refused;
    const QString summary = body.value(QLatin1String("error_summary")).toString();
    error.m_message = userMessage.isEmpty() ? tr("Dropbox refused “%1”: %2").arg(subject, summary) : userMessage;
    return error;
}
