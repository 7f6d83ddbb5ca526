#include "KashflowEmulatorFormat.h"

#include "EmulatorXmlJson.h"

#include <QJsonArray>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>

namespace {

const QString InstanceNamespace = QStringLiteral("http://www.w3.org/2001/XMLSchema-instance");
const QString SerializationNamespace = QStringLiteral("http://schemas.microsoft.com/2003/10/Serialization/");

struct Preference
{
    double quality = -1; // -1: the header does not accept the format at all
    int specificity = 0; // 2: the exact type, 1: type/*, 0: */*
};

bool operator>(const Preference& a, const Preference& b)
{
    return a.quality > b.quality || (a.quality == b.quality && a.specificity > b.specificity);
}

Preference preference(const QByteArray& accept, const QList<QByteArray>& types)
{
    Preference best;
    for (const QByteArray& range : accept.split(',')) {
        const QList<QByteArray> parameters = range.split(';');
        const QByteArray type = parameters.first().trimmed().toLower();
        double quality = 1.0;
        for (qsizetype i = 1; i < parameters.size(); ++i) {
            const QByteArray parameter = parameters.at(i).trimmed();
            if (parameter.startsWith("q="))
                quality = parameter.mid(2).toDouble();
        }
        int specificity = -1;
        if (types.contains(type))
            specificity = 2;
        else if (type.endsWith("/*") && std::any_of(types.begin(), types.end(), [&type](const QByteArray& candidate) {
                     return candidate.startsWith(type.chopped(1));
                 }))
            specificity = 1;
        else if (type == "*/*")
            specificity = 0;
        if (specificity < 0 || quality <= 0)
            continue;
        const Preference candidate { quality, specificity };
        if (candidate > best)
            best = candidate;
    }
    return best;
}

void writeValue(QXmlStreamWriter& writer, const QString& name, const QJsonValue& value,
                const QHash<QString, QString>& itemNames)
{
    writer.writeStartElement(name);
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        writer.writeAttribute(InstanceNamespace, QStringLiteral("nil"), QStringLiteral("true"));
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            writeValue(writer, it.key(), it.value(), itemNames);
        break;
    }
    case QJsonValue::Array: {
        const QString item = itemNames.value(name, QStringLiteral("Item"));
        const QJsonArray array = value.toArray();
        for (const QJsonValue& element : array)
            writeValue(writer, item, element, itemNames);
        break;
    }
    default:
        writer.writeCharacters(EmulatorXmlJson::scalarText(value));
    }
    writer.writeEndElement();
}

// The element the reader is on, as JSON; the reader ends on its end tag.
QJsonValue readElement(QXmlStreamReader& reader)
{
    const QString name = reader.name().toString();
    QString text;
    QList<QPair<QString, QJsonValue>> children;
    while (reader.readNext() != QXmlStreamReader::EndElement && !reader.atEnd()) {
        if (reader.isCharacters())
            text += reader.text();
        else if (reader.isStartElement())
            children.append({ reader.name().toString(), readElement(reader) });
    }
    if (children.isEmpty())
        return text;
    const bool oneName = std::all_of(children.begin(), children.end(),
                                     [&children](const auto& child) { return child.first == children.first().first; });
    if (oneName && (children.size() > 1 || name.endsWith(QLatin1String("List")))) {
        QJsonArray array;
        for (const auto& child : children)
            array.append(child.second);
        return array;
    }
    QJsonObject object;
    for (const auto& child : children)
        object.insert(child.first, child.second);
    return object;
}

} // namespace

KashflowEmulatorFormat::Kind KashflowEmulatorFormat::negotiate(const EmulatorRequest& request)
{
    const QByteArray accept = request.header(QByteArrayLiteral("Accept"));
    const Preference json
        = preference(accept, { QByteArrayLiteral("application/json"), QByteArrayLiteral("text/json") });
    const Preference xml = preference(accept, { QByteArrayLiteral("application/xml"), QByteArrayLiteral("text/xml") });
    return xml > json ? Kind::Xml : Kind::Json;
}

EmulatorResponse KashflowEmulatorFormat::respond(Kind kind, int status, const QJsonValue& value, const QString& root,
                                                 const QHash<QString, QString>& itemNames)
{
    EmulatorResponse response(status);
    if (kind == Kind::Json)
        response.setBody(json(value), QByteArrayLiteral("application/json; charset=utf-8"));
    else
        response.setBody(xml(value, root, itemNames), QByteArrayLiteral("application/xml; charset=utf-8"));
    return response;
}

EmulatorResponse KashflowEmulatorFormat::error(Kind kind, const KashflowEmulatorError& error)
{
    return respond(
        kind, error.status,
        QJsonObject { { QStringLiteral("Error"), error.error }, { QStringLiteral("Message"), error.message } },
        QStringLiteral("Error"));
}

QByteArray KashflowEmulatorFormat::json(const QJsonValue& value)
{
    // Outside strings JSON has no "/", so every one is inside a string, where "\/" means the same.
    return EmulatorResponse::compactJson(value).replace("/", "\\/");
}

QByteArray KashflowEmulatorFormat::xml(const QJsonValue& value, const QString& root,
                                       const QHash<QString, QString>& itemNames)
{
    QByteArray data;
    QXmlStreamWriter writer(&data);
    writer.writeStartDocument();
    if (value.isString()) {
        writer.writeDefaultNamespace(SerializationNamespace);
        writer.writeTextElement(QStringLiteral("string"), value.toString());
    } else {
        writer.writeNamespace(InstanceNamespace, QStringLiteral("i"));
        writeValue(writer, root, value, itemNames);
    }
    writer.writeEndDocument();
    return data;
}

std::optional<QJsonObject> KashflowEmulatorFormat::readObject(const EmulatorRequest& request)
{
    if (EmulatorXmlJson::hasXmlBody(request))
        return EmulatorXmlJson::readXmlBody(request.body(), readElement);
    return EmulatorXmlJson::readJsonBody(request.body());
}

QJsonValue KashflowEmulatorFormat::field(const QJsonObject& object, const QString& name)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue::Undefined;
}
