#include "DropboxJson.h"

#include <QJsonDocument>

namespace DropboxJson {

QByteArray headerSafe(const QJsonObject& object)
{
    const QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QByteArray safe;
    safe.reserve(json.size());
    for (const QChar unit : json) {
        const char16_t code = unit.unicode();
        if (code < 0x7f) {
            safe.append(static_cast<char>(code));
        } else {
            // Inside JSON strings only: QJsonDocument already escapes control characters and quotes.
            safe.append("\\u");
            safe.append(QByteArray::number(code, 16).rightJustified(4, '0'));
        }
    }
    return safe;
}

QByteArray body(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString timestamp(const QDateTime& when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QDateTime parseTimestamp(const QString& text)
{
    QDateTime when = QDateTime::fromString(text, Qt::ISODate);
    return when.toUTC();
}

Attachment attachmentFromMetadata(const QJsonObject& metadata)
{
    QDateTime modified = parseTimestamp(metadata.value(QLatin1String("client_modified")).toString());
    if (!modified.isValid())
        modified = parseTimestamp(metadata.value(QLatin1String("server_modified")).toString());
    Attachment attachment = Attachment::describe(metadata.value(QLatin1String("name")).toString(),
                                                 metadata.value(QLatin1String("size")).toInteger(), modified);
    attachment.contentHash = metadata.value(QLatin1String("content_hash")).toString();
    return attachment;
}

QString normalizedName(const QString& name)
{
    return name.normalized(QString::NormalizationForm_C);
}

} // namespace DropboxJson
