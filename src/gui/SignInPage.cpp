#include "SignInPage.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace {

int portOf(const QUrl& url)
{
    return url.port(url.scheme() == "https"_L1 ? 443 : url.scheme() == "http"_L1 ? 80 : -1);
}

} // namespace

SignInPage::SignInPage(const QUrl& redirectUri, const QStringList& allowedHosts, QWebEngineProfile* profile,
                       QObject* parent)
    : QWebEnginePage(profile, parent)
    , m_redirectUri(redirectUri)
    , m_allowedHosts(allowedHosts)
{ }

bool SignInPage::isRedirect(const QUrl& url) const
{
    // QUrl keeps schemes and hosts in lower case, so plain comparison is case-insensitive.
    return url.scheme() == m_redirectUri.scheme() && url.host() == m_redirectUri.host()
        && portOf(url) == portOf(m_redirectUri) && url.path() == m_redirectUri.path();
}

bool SignInPage::isAllowedHost(const QString& host) const
{
    return m_allowedHosts.contains(host, Qt::CaseInsensitive);
}

bool SignInPage::isAllowed(const QUrl& url) const
{
    if (!isAllowedHost(url.host()))
        return false;
    return url.scheme() == "https"_L1 || (url.scheme() == "http"_L1 && isLoopback(url.host()));
}

bool SignInPage::isLoopback(const QString& host)
{
    return host == "localhost"_L1 || QHostAddress(host).isLoopback();
}

bool SignInPage::acceptNavigationRequest(const QUrl& url, NavigationType type, bool isMainFrame)
{
    Q_UNUSED(type) // Links, scripts, forms and server redirects alike.
    if (isMainFrame) {
        if (isRedirect(url)) {
            emit redirected(url);
            return false;
        }
        if (!isAllowed(url)) {
            emit refused(url);
            return false;
        }
        return true;
    }
    // What the sign-in page itself embeds (a captcha, say) may come from elsewhere, but only over
    // https, and a frame can never answer in the page's place.
    if (isRedirect(url))
        return false;
    return url.scheme() == "https"_L1 || url.scheme() == "about"_L1 || isAllowed(url);
}

QWebEnginePage* SignInPage::createWindow(WebWindowType type)
{
    Q_UNUSED(type)
    // Pop-ups would escape the checks above; the whole sign-in happens in this one page.
    return nullptr;
}
