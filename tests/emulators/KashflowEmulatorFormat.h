#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"
#include "KashflowEmulatorError.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// KashFlow's two response formats. The API is ASP.NET Web API, so the format follows the Accept header as Web API
// negotiates it: the better quality wins, then the more specific media range, and JSON when nothing decides (no
// header, */*). JSON is written as .NET writes it, "/" escaped as "\/" (the spec's examples show it). The XML
// shapes are documented nowhere, so they follow what Web API's DataContractSerializer makes of the JSON: an
// element per field in the order of the names, arrays as repeated elements, nulls as i:nil, and a bare string as
// <string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">.
class KashflowEmulatorFormat
{
public:
    enum class Kind { Json, Xml };

    static Kind negotiate(const EmulatorRequest& request);

    // `root` names the outer XML element; `itemNames` the element of each array's items, by the array's element
    // name (the root's own name for a bare array): {"ArrayOfFile": "File"}.
    static EmulatorResponse respond(Kind kind, int status, const QJsonValue& value, const QString& root,
                                    const QHash<QString, QString>& itemNames = {});
    static EmulatorResponse error(Kind kind, const KashflowEmulatorError& error);

    static QByteArray json(const QJsonValue& value);
    static QByteArray xml(const QJsonValue& value, const QString& root, const QHash<QString, QString>& itemNames);

    // A request body, JSON or XML by its Content-Type (JSON when there is none), as a JSON object: in XML every
    // value is text, and an element is an array when it repeats one child or its name ends in "List".
    static std::optional<QJsonObject> readObject(const EmulatorRequest& request);
    // A member of a request body, its name matched in any case, as Json.NET binds them ("username" is UserName).
    static QJsonValue field(const QJsonObject& object, const QString& name);
};
