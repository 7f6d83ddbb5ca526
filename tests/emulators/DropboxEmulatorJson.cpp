#include "DropboxEmulatorJson.h"

#include "EmulatorResponse.h"

#include <QStringList>
#include <QTimeZone>

namespace DropboxEmulatorJson {

namespace {

const QString TagKey = QStringLiteral(".tag");
const QString TimestampFormat = QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'");

// The tags down the chain of nested unions: a member's value under its own name, else a struct field that is a
// union (UploadWriteFailed's "reason", RateLimitError's "reason").
void collectTags(const QJsonObject& object, QStringList& tags)
{
    if (object.contains(TagKey))
        tags.append(object.value(TagKey).toString());
    const QJsonValue own = object.value(object.value(TagKey).toString());
    if (own.isObject()) {
        collectTags(own.toObject(), tags);
        return;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isObject() && it.value().toObject().contains(TagKey)) {
            collectTags(it.value().toObject(), tags);
            return;
        }
    }
}

} // namespace

QJsonObject tag(const QString& tag)
{
    return QJsonObject { { TagKey, tag } };
}

QJsonObject member(const QString& tag, const QJsonValue& value)
{
    return QJsonObject { { TagKey, tag }, { tag, value } };
}

QJsonObject withTag(const QString& tag, QJsonObject fields)
{
    fields.insert(TagKey, tag);
    return fields;
}

QString tagOf(const QJsonValue& value)
{
    return value.isString() ? value.toString() : value.toObject().value(TagKey).toString();
}

QJsonObject errorBody(const QJsonObject& error)
{
    QStringList tags;
    collectTags(error, tags);
    // Dropbox ends the summary with dots so that nobody parses it; clients must branch on "error".
    const QString summary = tags.join(QLatin1Char('/')) + QStringLiteral("/..");
    return QJsonObject { { QStringLiteral("error_summary"), summary }, { QStringLiteral("error"), error } };
}

QByteArray headerSafe(const QJsonValue& value)
{
    const QString json = QString::fromUtf8(EmulatorResponse::compactJson(value));
    QByteArray safe;
    safe.reserve(json.size());
    for (const QChar c : json) {
        if (c.unicode() >= 0x7f)
            safe += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        else
            safe += char(c.unicode());
    }
    return safe;
}

QString timestamp(const QDateTime& time)
{
    return time.toUTC().toString(TimestampFormat);
}

std::optional<QDateTime> parseTimestamp(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, TimestampFormat);
    if (!time.isValid())
        return std::nullopt;
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace DropboxEmulatorJson
