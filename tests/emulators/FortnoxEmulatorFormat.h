#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"
#include "FortnoxEmulatorError.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Fortnox API v3's two formats, JSON and XML, as its documentation prints them. A body is one member named after
// the record ({"Folder": {...}}), or for a list MetaInformation and the list. Members starting with "@" are XML
// attributes ("@url" is url="..."; MetaInformation's become the list element's attributes); an array's items are
// elements named by `itemNames`; a null is an empty element (<Comments></Comments>) and an empty array a
// self-closed one (<Folders/>). Members keep the order of the documentation: "@" ones first, then by name, but
// ArchiveFileId right after Id and an error's error, message, code.
class FortnoxEmulatorFormat
{
public:
    enum class Kind { Json, Xml };

    // XML when the Accept header prefers application/xml or text/xml, else JSON: Fortnox's default.
    static Kind negotiate(const EmulatorRequest& request);

    static EmulatorResponse respond(Kind kind, int status, const QJsonObject& body,
                                    const QHash<QString, QString>& itemNames = {});
    static EmulatorResponse error(Kind kind, const FortnoxEmulatorError& error);

    static QByteArray json(const QJsonObject& body);
    static QByteArray xml(const QJsonObject& body, const QHash<QString, QString>& itemNames);

    // The record named `root` in a request body, JSON or XML by its Content-Type (JSON when there is none); in XML
    // every value is text. None when the body cannot be read or has no such record.
    static std::optional<QJsonObject> readRecord(const EmulatorRequest& request, const QString& root);

    // The members of `object` (the element `name`) in the order Fortnox prints them.
    static QStringList orderedKeys(const QString& name, const QJsonObject& object);
};
