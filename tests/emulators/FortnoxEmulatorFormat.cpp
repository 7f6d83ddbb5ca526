#include "FortnoxEmulatorFormat.h"

#include "EmulatorXmlJson.h"

#include <QJsonArray>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>

namespace {

const QString MetaInformation = QStringLiteral("MetaInformation");

void writeJson(QByteArray& out, const QString& name, const QJsonValue& value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out += '{';
        bool first = true;
        for (const QString& key : FortnoxEmulatorFormat::orderedKeys(name, object)) {
            if (!first)
                out += ',';
            first = false;
            out += EmulatorResponse::compactJson(key) + ':';
            writeJson(out, key, object.value(key));
        }
        out += '}';
    } else if (value.isArray()) {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            writeJson(out, name, array.at(i));
        }
        out += ']';
    } else {
        out += EmulatorResponse::compactJson(value);
    }
}

void writeXml(QXmlStreamWriter& writer, const QString& name, const QJsonValue& value,
              const QHash<QString, QString>& itemNames)
{
    writer.writeStartElement(name);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QStringList keys = FortnoxEmulatorFormat::orderedKeys(name, object);
        for (const QString& key : keys) {
            if (key.startsWith(QLatin1Char('@')))
                writer.writeAttribute(key.mid(1), EmulatorXmlJson::scalarText(object.value(key)));
        }
        for (const QString& key : keys) {
            if (!key.startsWith(QLatin1Char('@')))
                writeXml(writer, key, object.value(key), itemNames);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const QString item = itemNames.value(name, name);
        for (const QJsonValue& element : array)
            writeXml(writer, item, element, itemNames);
    } else {
        // Text, even empty, keeps the element open: <Comments></Comments> as Fortnox writes a null.
        writer.writeCharacters(EmulatorXmlJson::scalarText(value));
    }
    writer.writeEndElement();
}

// The element the reader is on, as JSON: text, or an object of its children; the reader ends on its end tag.
QJsonValue readElement(QXmlStreamReader& reader)
{
    QString text;
    QJsonObject children;
    while (reader.readNext() != QXmlStreamReader::EndElement && !reader.atEnd()) {
        if (reader.isCharacters())
            text += reader.text();
        else if (reader.isStartElement()) {
            const QString name = reader.name().toString();
            children.insert(name, readElement(reader));
        }
    }
    if (children.isEmpty())
        return text.trimmed();
    return children;
}

} // namespace

FortnoxEmulatorFormat::Kind FortnoxEmulatorFormat::negotiate(const EmulatorRequest& request)
{
    // The first media range that names a format decides; quality values are not weighed, as clients of Fortnox
    // send a single type.
    const QByteArray accept = request.header(QByteArrayLiteral("Accept"));
    for (const QByteArray& range : accept.split(',')) {
        const QByteArray type = range.split(';').first().trimmed().toLower();
        if (type == "application/xml" || type == "text/xml")
            return Kind::Xml;
        if (type == "application/json" || type == "text/json")
            return Kind::Json;
    }
    return Kind::Json;
}

EmulatorResponse FortnoxEmulatorFormat::respond(Kind kind, int status, const QJsonObject& body,
                                                const QHash<QString, QString>& itemNames)
{
    EmulatorResponse response(status);
    if (kind == Kind::Json)
        response.setBody(json(body), QByteArrayLiteral("application/json"));
    else
        response.setBody(xml(body, itemNames), QByteArrayLiteral("application/xml"));
    return response;
}

EmulatorResponse FortnoxEmulatorFormat::error(Kind kind, const FortnoxEmulatorError& error)
{
    return respond(kind, error.status,
                   QJsonObject { { QStringLiteral("ErrorInformation"),
                                   QJsonObject { { QStringLiteral("error"), 1 },
                                                 { QStringLiteral("message"), error.message },
                                                 { QStringLiteral("code"), error.code } } } });
}

QByteArray FortnoxEmulatorFormat::json(const QJsonObject& body)
{
    QByteArray out;
    writeJson(out, {}, body);
    return out;
}

QByteArray FortnoxEmulatorFormat::xml(const QJsonObject& body, const QHash<QString, QString>& itemNames)
{
    QByteArray data;
    QXmlStreamWriter writer(&data);
    writer.writeStartDocument();
    if (body.contains(MetaInformation)) {
        // A list: its element carries the MetaInformation as attributes, in the documentation's order.
        const QJsonObject meta = body.value(MetaInformation).toObject();
        QString listName;
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (it.key() != MetaInformation)
                listName = it.key();
        }
        writer.writeStartElement(listName);
        for (const QString& attribute :
             { QStringLiteral("TotalResources"), QStringLiteral("TotalPages"), QStringLiteral("CurrentPage") })
            writer.writeAttribute(attribute, EmulatorXmlJson::scalarText(meta.value(QLatin1Char('@') + attribute)));
        const QJsonArray items = body.value(listName).toArray();
        const QString item = itemNames.value(listName, listName);
        for (const QJsonValue& element : items)
            writeXml(writer, item, element, itemNames);
        writer.writeEndElement();
    } else if (!body.isEmpty()) {
        writeXml(writer, body.begin().key(), body.begin().value(), itemNames);
    }
    writer.writeEndDocument();
    return data;
}

std::optional<QJsonObject> FortnoxEmulatorFormat::readRecord(const EmulatorRequest& request, const QString& root)
{
    if (EmulatorXmlJson::hasXmlBody(request)) {
        QString rootName;
        const std::optional<QJsonObject> record = EmulatorXmlJson::readXmlBody(request.body(), readElement, &rootName);
        return rootName == root ? record : std::nullopt;
    }
    const std::optional<QJsonObject> document = EmulatorXmlJson::readJsonBody(request.body());
    if (!document || !document->value(root).isObject())
        return std::nullopt;
    return document->value(root).toObject();
}

QStringList FortnoxEmulatorFormat::orderedKeys(const QString& name, const QJsonObject& object)
{
    if (name == QLatin1String("ErrorInformation"))
        return { QStringLiteral("error"), QStringLiteral("message"), QStringLiteral("code") };
    QStringList keys = object.keys(); // sorted by name already
    std::stable_partition(keys.begin(), keys.end(),
                          [](const QString& key) { return key.startsWith(QLatin1Char('@')); });
    const qsizetype archiveFileId = keys.indexOf(QStringLiteral("ArchiveFileId"));
    const qsizetype id = keys.indexOf(QStringLiteral("Id"));
    if (archiveFileId >= 0 && id >= 0) {
        keys.removeAt(archiveFileId);
        keys.insert(keys.indexOf(QStringLiteral("Id")) + 1, QStringLiteral("ArchiveFileId"));
    }
    return keys;
}
