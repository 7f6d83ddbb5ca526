#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

class EmulatorRequest;
class QXmlStreamReader;

// What the emulators of services that speak both JSON and XML share: their records are kept as JSON, so XML
// answers need JSON values as text and XML requests give back text where JSON would have numbers.
class EmulatorXmlJson
{
public:
    // A JSON scalar as an XML element's text: whole numbers without a fraction or exponent, and null as nothing
    // (whether an empty element also says nil is the caller's to write).
    static QString scalarText(const QJsonValue& value);
    // A number given as a JSON number or as text (as XML has it).
    static std::optional<qint64> integer(const QJsonValue& value);

    // Each service makes JSON of an XML element its own way; the reader ends on the element's end tag.
    using ElementReader = QJsonValue (*)(QXmlStreamReader& reader);

    // Whether the request's Content-Type says its body is XML; without one it is taken for JSON.
    static bool hasXmlBody(const EmulatorRequest& request);
    // An XML body's root element as a JSON object, its name in `rootName`; a root with no or only text content
    // is an object without members. None when the body is not well-formed.
    static std::optional<QJsonObject> readXmlBody(const QByteArray& body, ElementReader readElement,
                                                  QString* rootName = nullptr);
    // A JSON body that is an object; none when it is anything else or not JSON at all.
    static std::optional<QJsonObject> readJsonBody(const QByteArray& body);
};
