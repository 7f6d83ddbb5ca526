#pragma once

#include "PayloadFormat.h"

#include <QByteArray>
#include <QJsonValue>

struct HttpResponse;

// KashFlow answers in JSON or XML, as the request's Accept header asks; the user picks which. Both are read into
// the same JSON values. The XML is ASP.NET's DataContract shape: an element per field, arrays as repeated
// elements inside an "ArrayOf…", "Data" or "…List" element, nulls as i:nil, and every value as text, typed here
// by the fields whose types KashFlow documents.
class KashflowPayload
{
public:
    using Format = PayloadFormat;

    static QByteArray accept(Format format);
    // The answer's body, by its Content-Type; an empty object when it cannot be read.
    static QJsonValue read(const HttpResponse& response);
    static QJsonValue fromXml(const QByteArray& xml);
};
