#include "OAuthSupport.h"

#include "HttpResponse.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

QString OAuthSupport::randomUrlSafe(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    QString text;
    text.reserve(length);
    // QRandomGenerator::system() reads the operating system's cryptographic source.
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
    return text;
}

QByteArray OAuthSupport::formBody(const QUrlQuery& form)
{
    // QUrlQuery would leave '+' and '/' as they are, and a form decoder reads '+' as a space.
    QByteArrayList pairs;
    for (const auto& [key, value] : form.queryItems(QUrl::FullyDecoded))
        pairs.append(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    return pairs.join('&');
}

HttpRequest OAuthSupport::tokenRequest(const QUrl& url, const QUrlQuery& form)
{
    HttpRequest request;
    request.url = url;
    request.authorized = false;
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.body = formBody(form);
    request.isExpectedAnswer = [](const HttpResponse& response) {
        const QJsonValue token = QJsonDocument::fromJson(response.body).object().value(QLatin1String("access_token"));
        return token.isString() && !token.toString().isEmpty();
    };
    return request;
}

bool OAuthSupport::isLoopback(const QUrl& url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
