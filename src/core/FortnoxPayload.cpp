#include "FortnoxPayload.h"

#include "HttpResponse.h"

#include <QJsonArray>

#include <QJsonDocument>
#include <QXmlStreamReader>
#include <algorithm>

namespace {
const QString MetaInformation = QStringLiteral("MetaInformation");

// Whether an element of that name holding those children is a list: every child named after it in the singular
// (<Files><File>) or as its subset (<Vouchers><VoucherSubset>).
bool isList(const QString& name, const QStringList& children)
{
    if (children.isEmpty() || !name.endsWith(QLatin1Char('s')))
        return false;
    const QString item = name.chopped(1);
    return std::all_of(children.begin(), children.end(), [&item](const QString& child) {
        return child == item || child == item + QLatin1String("Subset");
    });
}

// The element the reader is on, whole, with its attributes as "@name"; the reader ends on its end tag.
QJsonValue element(QXmlStreamReader& xml)
{
    QJsonObject fields;
    for (const QXmlStreamAttribute& attribute : xml.attributes())
        fields.insert(QLatin1Char('@') + attribute.name().toString(), attribute.value().toString());
    const QString name = xml.name().toString();
    QStringList childNames;
    QJsonArray items;
    QString text;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString child = xml.name().toString();
            const QJsonValue value = element(xml);
            childNames.append(child);
            items.append(value);
            fields.insert(child, value);
        } else if (token == QXmlStreamReader::Characters) {
            text += xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        }
    }
    if (isList(name, childNames))
        return items;
    // <Folders/> and <Files></Files>: an empty list reads as empty text, which toArray() takes for [].
    return childNames.isEmpty() && fields.isEmpty() ? QJsonValue(text) : QJsonValue(fields);
}
} // namespace

QJsonObject FortnoxPayload::read(const HttpResponse& response)
{
    if (response.header("content-type").contains("xml"))
        return fromXml(response.body);
    return QJsonDocument::fromJson(response.body).object();
}

bool FortnoxPayload::isFolder(const HttpResponse& response)
{
    return read(response).value(QLatin1String("Folder")).isObject();
}

QJsonObject FortnoxPayload::fromXml(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString root = reader.name().toString();
        const QXmlStreamAttributes attributes = reader.attributes();
        const bool isPage = attributes.hasAttribute(QLatin1String("TotalPages"));
        QJsonObject meta;
        for (const QXmlStreamAttribute& attribute : attributes)
            meta.insert(QLatin1Char('@') + attribute.name().toString(), attribute.value().toString());
        QJsonValue value = element(reader);
        if (reader.hasError())
            return {};
        if (!isPage)
            return { { root, value } };
        // A list: its items, however few, with the paging its attributes gave.
        QJsonArray items;
        if (value.isArray()) {
            items = value.toArray();
        } else {
            const QJsonObject fields = value.toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                if (!it.key().startsWith(QLatin1Char('@')))
                    items.append(it.value());
            }
        }
        return { { MetaInformation, meta }, { root, items } };
    }
    return {};
}

qint64 FortnoxPayload::integer(const QJsonValue& value, qint64 fallback)
{
    if (value.isDouble())
        return value.toInteger(fallback);
    bool ok = false;
    const qint64 number = value.toString().trimmed().toLongLong(&ok);
    return ok ? number : fallback;
}

QString FortnoxPayload::text(const QJsonValue& value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}
