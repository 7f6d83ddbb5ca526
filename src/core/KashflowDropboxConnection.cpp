#include "KashflowDropboxConnection.h"

#include "KashflowStore.h"
#include "StoreReply.h"

KashflowDropboxConnection::KashflowDropboxConnection(KashflowStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{ }

KashflowDropboxConnection::~KashflowDropboxConnection()
{
    if (m_request)
        m_request->abort();
}

QStringList KashflowDropboxConnection::browserHosts() const
{
    // Dropbox's sign-in moves between its two hosts; KashFlow's callback is on the API's host.
    QStringList hosts { QStringLiteral("www.dropbox.com"), QStringLiteral("dropbox.com") };
    if (m_store)
        hosts.append(m_store->baseUrl().host());
    return hosts;
}

void KashflowDropboxConnection::start()
{
    m_finished = false;
    requestLink();
}

bool KashflowDropboxConnection::isLinkExpired() const
{
    return m_linkIssuedAt.isValid() && m_linkIssuedAt.secsTo(m_clock()) >= KashflowStore::DropboxLinkLifetimeSeconds;
}

void KashflowDropboxConnection::handlePageFailure()
{
    // A failure within the link's 5 minutes is not the link's: the browser shows it, and the user decides.
    if (!m_finished && !m_request && isLinkExpired())
        requestLink();
}

void KashflowDropboxConnection::handleRedirect()
{
    // KashFlow redirects only once Dropbox is connected; the redirect carries nothing more.
    finish();
}

void KashflowDropboxConnection::handlePageLoaded(const QUrl& url)
{
    const QUrl callback = m_store ? m_store->baseUrl() : QUrl();
    if (callback.isValid() && url.scheme() == callback.scheme() && url.host() == callback.host()
        && url.port() == callback.port()
        && url.path() == callback.path() + QStringLiteral("/dropbox/authentication/url"))
        finish();
}

void KashflowDropboxConnection::finish()
{
    if (std::exchange(m_finished, true))
        return;
    emit connected();
}

void KashflowDropboxConnection::requestLink()
{
    if (!m_store) {
        emit failed(tr("KashFlow is no longer the place documents are kept."));
        return;
    }
    m_request = m_store->dropboxAuthentication(redirectUri());
    connect(m_request, &StoreReply::finished, this, [this, reply = m_request.data()] {
        reply->deleteLater();
        m_request.clear();
        if (reply->error() != StoreReply::Error::None) {
            // Signed out: the store asks the user to sign in, which says it all.
            emit failed(reply->error() == StoreReply::Error::SignedOut ? QString() : reply->errorString());
            return;
        }
        m_linkIssuedAt = m_clock();
        emit linkReady(reply->link());
    });
}
