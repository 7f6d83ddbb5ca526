#pragma once

#include "PayloadFormat.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

struct HttpResponse;

// Fortnox API v3 answers in JSON or XML, as the Accept header asks. Both are read into the JSON shape: the XML of a
// list has the list element as its root, its MetaInformation as the attributes TotalResources, TotalPages and
// CurrentPage, and one "…Subset" element per item; a record's lists (a folder's <Files>, <Folders>) hold one element
// per item; attributes (url) become "@url". XML has only text, so numbers are read with integer(), which takes both.
class FortnoxPayload
{
public:
    // The answer's body, by its Content-Type: {"Folder": {...}}, {"MetaInformation": {...}, "Vouchers": [...]};
    // an empty object when it cannot be read.
    static QJsonObject read(const HttpResponse& response);
    static QJsonObject fromXml(const QByteArray& xml);
    // Whether the answer holds a folder ({"Folder": {...}}), as an inbox or archive address gives.
    static bool isFolder(const HttpResponse& response);
    // A number as JSON has it or as XML's text; `fallback` when it is neither.
    static qint64 integer(const QJsonValue& value, qint64 fallback = 0);
    // Text as XML has it, or a JSON number or string as text.
    static QString text(const QJsonValue& value);
};
