#include "KashflowEmulatorDropboxLink.h"

#include "EmulatorHtmlPage.h"
#include "EmulatorRandomToken.h"

namespace {

QString encoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// The link's pages each say one thing, under their title repeated as the heading.
const EmulatorHtmlPage Pages;

EmulatorResponse page(int status, const QString& title, const QString& text)
{
    return Pages.message(status, title, title, QStringLiteral("message"), text);
}

EmulatorResponse errorPage(const QString& text)
{
    return page(400, QStringLiteral("Error"), text);
}

} // namespace

KashflowEmulatorDropboxLink::KashflowEmulatorDropboxLink(qint64 kashflowUserId, const QString& userGuid)
    : m_kashflowUserId(kashflowUserId)
    , m_userGuid(userGuid)
{ }

QString KashflowEmulatorDropboxLink::newAuthorizationUrl(const QUrl& baseUrl, const QDateTime& now)
{
    const QString base = baseUrl.toString(QUrl::FullyEncoded);
    const QString callback = base
        + QStringLiteral("/v2/dropbox/authentication/url?kashflowuserid=%1&userguid=%2")
              .arg(m_kashflowUserId)
              .arg(m_userGuid);
    const QString token = EmulatorRandomToken::alphanumeric(16);
    m_pending.insert(token, { now, callback, false });
    return base + QStringLiteral("/1/oauth/authorize?oauth_callback=") + encoded(callback)
        + QStringLiteral("&oauth_token=") + token;
}

void KashflowEmulatorDropboxLink::expireUrls()
{
    for (Pending& pending : m_pending)
        pending.issuedAt = QDateTime::fromMSecsSinceEpoch(0);
}

const KashflowEmulatorDropboxLink::Pending*
KashflowEmulatorDropboxLink::pending(const QString& token, const QDateTime& now, EmulatorResponse* problem) const
{
    const auto found = m_pending.constFind(token);
    if (token.isEmpty() || found == m_pending.constEnd()) {
        *problem = errorPage(QStringLiteral("This link is not valid, or it has been used already."));
        return nullptr;
    }
    if (found->issuedAt.addSecs(UrlLifetimeSeconds) < now) {
        *problem = errorPage(QStringLiteral("This link has expired. Links to connect Dropbox must be used within 5 "
                                            "minutes: start again from KashFlow."));
        return nullptr;
    }
    return &found.value();
}

EmulatorResponse KashflowEmulatorDropboxLink::authorize(const EmulatorRequest& request, const QDateTime& now)
{
    const QHash<QString, QString> query = request.queryFields();
    const QString token = query.value(QStringLiteral("oauth_token"));
    EmulatorResponse problem;
    const Pending* found = pending(token, now, &problem);
    if (!found)
        return problem;
    const QString callback = found->callback;
    if (query.value(QStringLiteral("oauth_callback")) != callback)
        return errorPage(QStringLiteral("The oauth_callback of this link has been changed."));
    m_pending[token].allowed = true;
    QString location = callback + QStringLiteral("&uid=") + m_dropboxUid + QStringLiteral("&oauth_token=") + token;
    if (m_forwardsRedirect && query.contains(QStringLiteral("redirecturl")))
        location += QStringLiteral("&redirecturl=") + encoded(query.value(QStringLiteral("redirecturl")));
    return EmulatorResponse::redirect(location.toUtf8());
}

EmulatorResponse KashflowEmulatorDropboxLink::callback(const EmulatorRequest& request, const QDateTime& now)
{
    const QHash<QString, QString> query = request.queryFields();
    const QString token = query.value(QStringLiteral("oauth_token"));
    EmulatorResponse problem;
    const Pending* found = pending(token, now, &problem);
    if (!found)
        return problem;
    if (!found->allowed || query.value(QStringLiteral("uid")) != m_dropboxUid
        || query.value(QStringLiteral("kashflowuserid")) != QString::number(m_kashflowUserId)
        || query.value(QStringLiteral("userguid")).compare(m_userGuid, Qt::CaseInsensitive) != 0)
        return errorPage(QStringLiteral("Dropbox has not allowed access for this KashFlow user."));

    const QUrl redirect(query.value(QStringLiteral("redirecturl")));
    const bool redirects = query.contains(QStringLiteral("redirecturl"));
    if (redirects
        && (!redirect.isValid() || redirect.host().isEmpty()
            || (redirect.scheme() != QLatin1String("http") && redirect.scheme() != QLatin1String("https"))))
        return errorPage(QStringLiteral("The redirecturl is not an http or https URL."));
    m_pending.remove(token);
    m_connected = true;
    if (redirects)
        return EmulatorResponse::redirect(redirect.toEncoded());
    return page(200, QStringLiteral("Dropbox connected"), QStringLiteral("KashFlow can now use your Dropbox."));
}
