#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>

class KashflowStore;
class StoreReply;

// "Connect KashFlow to Dropbox": KashFlow gives a Dropbox page to open within 5 minutes; the browser goes from it
// to KashFlow's callback and then to the app's redirect, which means KashFlow may now use the Dropbox. A link
// that has run out is replaced by a fresh one when the browser fails on it, so a user who took a while is not
// left on an error page.
class KashflowDropboxConnection : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    KashflowDropboxConnection(KashflowStore* store, QObject* parent = nullptr);
    ~KashflowDropboxConnection() override;

    // Where KashFlow sends the browser at the end; the browser catches it without loading it.
    static QUrl redirectUri() { return QUrl(QStringLiteral("http://localhost/attache-kashflow-dropbox")); }
    // The hosts the browser may open for this: Dropbox's pages and KashFlow's callback.
    QStringList browserHosts() const;

    // Asks KashFlow for a link; linkReady() gives it.
    void start();
    // The browser could not load a page on the way: a link past its lifetime is asked for again.
    void handlePageFailure();
    // The browser reached the redirect: KashFlow has been given the Dropbox.
    void handleRedirect();
    // A page loaded: KashFlow's own callback page, loaded without an error, says the same when KashFlow answers
    // it rather than redirecting (as it does when the redirecturl does not reach it).
    void handlePageLoaded(const QUrl& url);

    bool isLinkExpired() const;
    // For tests: the time the link's age is measured by.
    void setClock(Clock clock) { m_clock = std::move(clock); }

signals:
    // A link to open, or to open instead of the one that ran out.
    void linkReady(const QUrl& link);
    void connected();
    void failed(const QString& message);

private:
    void requestLink();
    void finish();

    QPointer<KashflowStore> m_store;
    Clock m_clock;
    QDateTime m_linkIssuedAt;
    QPointer<StoreReply> m_request;
    bool m_finished = false;
};
