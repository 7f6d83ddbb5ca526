#include "KashflowPayload.h"

#include "HttpResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QXmlStreamReader>

namespace {
bool isList(QStringView name)
{
    return name.startsWith(u"ArrayOf") || name == u"Data" || name.endsWith(u"List");
}

QJsonValue typed(QStringView name, const QString& text)
{
    if (name == u"SizeInBytes" || name == u"Position")
        return text.toLongLong();
    if (name.startsWith(u"Is") || name == u"SubscriptionExpired")
        return text == QLatin1String("true");
    return text;
}

// The element the reader is at, whole.
QJsonValue element(QXmlStreamReader& xml)
{
    const QString name = xml.name().toString();
    const bool nil
        = xml.attributes().value(QLatin1String("http://www.w3.org/2001/XMLSchema-instance"), QLatin1String("nil"))
        == QLatin1String("true");
    QJsonObject fields;
    QJsonArray items;
    QString text;
    bool hasChildren = false;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            hasChildren = true;
            const QString child = xml.name().toString();
            const QJsonValue value = element(xml);
            items.append(value);
            fields.insert(child, value);
        } else if (token == QXmlStreamReader::Characters) {
            text += xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        }
    }
    if (nil)
        return QJsonValue::Null;
    if (isList(name))
        return items;
    return hasChildren ? QJsonValue(fields) : typed(name, text);
}
} // namespace

QByteArray KashflowPayload::accept(Format format)
{
    return PayloadFormats::accept(format);
}

QJsonValue KashflowPayload::read(const HttpResponse& response)
{
    if (response.header("content-type").contains("xml"))
        return fromXml(response.body);
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    // A bare value, such as the string /dropbox/authentication answers with; QJsonDocument holds only arrays and
    // objects, so it is read as the one element of an array.
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + response.body + ']', &error);
    return error.error == QJsonParseError::NoError && wrapped.array().size() == 1 ? wrapped.array().first()
                                                                                  : QJsonValue(QJsonObject());
}

QJsonValue KashflowPayload::fromXml(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement) {
            const QJsonValue value = element(reader);
            return reader.hasError() ? QJsonValue(QJsonObject()) : value;
        }
    }
    return QJsonObject();
}
