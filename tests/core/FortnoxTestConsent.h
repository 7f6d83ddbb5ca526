#pragma once

// The browser's part of a Fortnox sign-in against the emulator, for tests without a browser: opens the consent page,
// submits its form with the decision ("allow" or "deny"), and gives where the emulator redirects to (empty when any
// step fails).

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

namespace FortnoxTest {

inline QUrl consent(QNetworkAccessManager& network, const QUrl& authorizeUrl, const QString& decision, int waitMs)
{
    std::unique_ptr<QNetworkReply> page(network.get(QNetworkRequest(authorizeUrl)));
    if (!QTest::qWaitFor([&page] { return page->isFinished(); }, waitMs))
        return {};
    const QString html = QString::fromUtf8(page->readAll());
    if (page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200 || !html.contains(u"id=\"allow\""_s))
        return {};
    const QRegularExpressionMatch action
        = QRegularExpression(u"<form method=\"post\" action=\"([^\"]+)\""_s).match(html);
    const QRegularExpressionMatch request
        = QRegularExpression(u"<input type=\"hidden\" name=\"request\" value=\"([^\"]+)\""_s).match(html);
    if (!action.hasMatch() || !request.hasMatch())
        return {};

    // What the page's form posts when one of its buttons is pressed.
    QNetworkRequest post(authorizeUrl.resolved(QUrl(action.captured(1))));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    post.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    const QByteArray body
        = "request=" + QUrl::toPercentEncoding(request.captured(1)) + "&decision=" + QUrl::toPercentEncoding(decision);
    std::unique_ptr<QNetworkReply> answer(network.post(post, body));
    if (!QTest::qWaitFor([&answer] { return answer->isFinished(); }, waitMs))
        return {};
    const int status = answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 300 || status > 399)
        return {};
    return QUrl::fromEncoded(answer->rawHeader(QByteArrayLiteral("Location")));
}

} // namespace FortnoxTest
