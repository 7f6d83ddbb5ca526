#include "EmulatorXmlJson.h"

#include "EmulatorRequest.h"

#include <QJsonDocument>
#include <QXmlStreamReader>

#include <cmath>

QString EmulatorXmlJson::scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 1e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 15);
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    default:
        return value.toString();
    }
}

std::optional<qint64> EmulatorXmlJson::integer(const QJsonValue& value)
{
    if (value.isDouble() && std::floor(value.toDouble()) == value.toDouble())
        return qint64(value.toDouble());
    bool ok = false;
    const qint64 number = value.toString().trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(number) : std::nullopt;
}

bool EmulatorXmlJson::hasXmlBody(const EmulatorRequest& request)
{
    const QByteArray type = request.header(QByteArrayLiteral("Content-Type")).split(';').first().trimmed().toLower();
    return type == "application/xml" || type == "text/xml";
}

std::optional<QJsonObject> EmulatorXmlJson::readXmlBody(const QByteArray& body, ElementReader readElement,
                                                        QString* rootName)
{
    QXmlStreamReader reader(body);
    while (!reader.atEnd() && !reader.isStartElement())
        reader.readNext();
    if (!reader.isStartElement())
        return std::nullopt;
    if (rootName)
        *rootName = reader.name().toString();
    const QJsonValue value = readElement(reader);
    if (reader.hasError())
        return std::nullopt;
    return value.isObject() ? value.toObject() : QJsonObject();
}

std::optional<QJsonObject> EmulatorXmlJson::readJsonBody(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}
