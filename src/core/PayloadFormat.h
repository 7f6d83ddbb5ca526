#pragma once

#include <QByteArray>

// The format a service that speaks both JSON and XML (KashFlow, Fortnox) is asked to answer in; the user picks.
enum class PayloadFormat { Json, Xml };

namespace PayloadFormats {

// The Accept header that asks for it.
inline QByteArray accept(PayloadFormat format)
{
    return format == PayloadFormat::Xml ? QByteArrayLiteral("application/xml") : QByteArrayLiteral("application/json");
}

} // namespace PayloadFormats
