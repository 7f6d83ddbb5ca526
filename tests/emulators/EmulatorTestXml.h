#pragma once

// For the emulators' own tests: an XML answer read into a small tree, so a test can walk to the element it
// checks instead of streaming through the document.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QXmlStreamReader>

#include <optional>

// One element of an XML answer, with its children in order.
struct XmlNode
{
    QString name;
    QString text;
    // By qualified name ("i:nil"), so that an attribute in a namespace cannot pass for an unprefixed one.
    QHash<QString, QString> attributes;
    QList<XmlNode> children;

    const XmlNode* child(const QString& childName) const
    {
        for (const XmlNode& node : children) {
            if (node.name == childName)
                return &node;
        }
        return nullptr;
    }

    // The element the reader is on, with everything inside it; the reader ends on its end tag.
    static XmlNode read(QXmlStreamReader& reader)
    {
        XmlNode node;
        node.name = reader.name().toString();
        for (const QXmlStreamAttribute& attribute : reader.attributes())
            node.attributes.insert(attribute.qualifiedName().toString(), attribute.value().toString());
        while (reader.readNext() != QXmlStreamReader::EndElement && !reader.atEnd()) {
            if (reader.isCharacters())
                node.text += reader.text();
            else if (reader.isStartElement())
                node.children.append(read(reader));
        }
        return node;
    }

    // The document's root element; none when the data is not well-formed XML, which a test may itself check.
    static std::optional<XmlNode> parse(const QByteArray& data)
    {
        QXmlStreamReader reader(data);
        while (!reader.atEnd() && !reader.isStartElement())
            reader.readNext();
        if (!reader.isStartElement())
            return std::nullopt;
        XmlNode root = read(reader);
        reader.readNext();
        while (!reader.atEnd() && reader.tokenType() != QXmlStreamReader::Invalid)
            reader.readNext();
        if (reader.hasError())
            return std::nullopt;
        return root;
    }
};
