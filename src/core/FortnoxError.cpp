#include "FortnoxError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

FortnoxError FortnoxError::fromResponse(const HttpResponse& response)
{
    FortnoxError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (document.isObject()) {
        const QJsonObject information = document.object().value(QLatin1String("ErrorInformation")).toObject();
        const QJsonValue code = information.value(QLatin1String("code"));
        // Fortnox has sent the code both as a number and as a string.
        error.code = code.isString() ? code.toString().toInt() : code.toInt();
        error.message = information.value(QLatin1String("message")).toString();
        return error;
    }
    // XML names the fields in either case: <ErrorInformation><message>…</message><code>…</code>.
    QXmlStreamReader xml(response.body);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString().toLower();
        if (name == QLatin1String("code"))
            error.code = xml.readElementText().trimmed().toInt();
        else if (name == QLatin1String("message"))
            error.message = xml.readElementText().trimmed();
    }
    return error;
}
