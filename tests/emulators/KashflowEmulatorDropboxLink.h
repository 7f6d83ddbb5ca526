#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QUrl>

// Connecting the KashFlow user's Dropbox, where KashFlow keeps the files. GET /dropbox/authentication hands out a
// Dropbox API v1 authorize URL, good for 5 minutes, whose oauth_callback is KashFlow's /dropbox/authentication/url.
// The emulated Dropbox page allows at once and sends the browser on to that callback, with uid and oauth_token
// added and the redirecturl the client appended carried along; the callback connects the account and redirects to
// redirecturl, or answers 200 without one. A URL used late, twice, or altered gets an error page.
class KashflowEmulatorDropboxLink
{
public:
    static constexpr int UrlLifetimeSeconds = 5 * 60;

    KashflowEmulatorDropboxLink(qint64 kashflowUserId, const QString& userGuid);

    bool isConnected() const { return m_connected; }
    void setConnected(bool connected) { m_connected = connected; }
    // Whether a redirecturl appended to the authorization URL reaches KashFlow's callback, as the API describes;
    // when it does not, the callback answers with its own page instead of redirecting.
    void setForwardsRedirect(bool forwards) { m_forwardsRedirect = forwards; }

    QString newAuthorizationUrl(const QUrl& baseUrl, const QDateTime& now);
    // Every URL handed out so far is too old from now on.
    void expireUrls();

    EmulatorResponse authorize(const EmulatorRequest& request, const QDateTime& now); // GET /1/oauth/authorize
    EmulatorResponse callback(const EmulatorRequest& request,
                              const QDateTime& now); // GET /v2/dropbox/authentication/url

private:
    struct Pending
    {
        QDateTime issuedAt;
        QString callback;
        bool allowed = false; // the Dropbox page has been through
    };

    // The pending request for the token; none, with the error page to show, for one unknown, used or expired.
    const Pending* pending(const QString& token, const QDateTime& now, EmulatorResponse* problem) const;

    qint64 m_kashflowUserId;
    QString m_userGuid;
    QString m_dropboxUid = QStringLiteral("4815162342");
    bool m_connected = true;
    bool m_forwardsRedirect = true;
    QHash<QString, Pending> m_pending; // by oauth_token
};
