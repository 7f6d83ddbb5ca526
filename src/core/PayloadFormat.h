#pragma once

#include "HttpResponse.h"

#include <QByteArray>

// The format a service that speaks both JSON and XML (KashFlow, Fortnox) is asked to answer in; the user picks.
enum class PayloadFormat { Json, Xml };

namespace PayloadFormats {

// The Accept header that asks for it.
inline QByteArray accept(PayloadFormat format)
{
    return format == PayloadFormat::Xml ? QByteArrayLiteral("application/xml") : QByteArrayLiteral("application/json");
}

// Whether a 2xx is the service's own answer: no body, or one in JSON or XML. A captive portal's or a proxy's page
// in its place is not, and must not be taken for a delete or a move carried out.
inline bool isServiceAnswer(const HttpResponse& response)
{
    const QByteArray type = response.header("content-type").toLower();
    return response.body.isEmpty() || type.contains("json") || (type.contains("xml") && !type.contains("html"));
}

} // namespace PayloadFormats
