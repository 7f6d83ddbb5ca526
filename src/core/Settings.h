#pragma once

#include "KashflowPayload.h"
#include "NotificationKind.h"

#include <QByteArray>
#include <QSettings>
#include <QString>

// The user's preferences, typed. Never holds a secret: those live in the OS keychain.
class Settings
{
public:
    // The app's settings file; tests and scripts may name another one.
    explicit Settings(const QString& fileName = {});

    // "local:<path>", the store the app opens; by default the local folder under Documents.
    QString storeUri() const;
    void setStoreUri(const QString& uri);
    // The root of the local store, whichever store is current.
    QString localRootPath() const;
    void setLocalRootPath(const QString& path);

    // The Dropbox app's key (public with PKCE): ATTACHE_DROPBOX_APP_KEY overrides it.
    QString dropboxAppKey() const;
    void setDropboxAppKey(const QString& key);
    // Hidden: one base URL for every Dropbox host, for the emulator.
    QString dropboxBaseUrl() const;
    // The connected Dropbox account ("dbid:…") and how to show it; its refresh token is in the keychain.
    QString dropboxAccountId() const;
    QString dropboxAccountName() const;
    void setDropboxAccount(const QString& accountId, const QString& name);

    // KashFlow's API: ATTACHE_KASHFLOW_BASE_URL, else the hidden setting, else api.kashflow.com/v2.
    QString kashflowBaseUrl() const;
    // The KashFlow user signed in last; the keychain may hold that user's remembered credentials.
    QString kashflowUserName() const;
    void setKashflowUserName(const QString& userName);
    // Whether KashFlow is asked to answer in XML rather than JSON.
    KashflowPayload::Format kashflowFormat() const;
    void setKashflowFormat(KashflowPayload::Format format);
    // JSON unless the user chose XML, as for KashFlow.
    PayloadFormat fortnoxFormat() const;
    void setFortnoxFormat(PayloadFormat format);

    // The Fortnox integration's client id (public; its secret is in the keychain): ATTACHE_FORTNOX_CLIENT_ID
    // overrides it.
    QString fortnoxClientId() const;
    void setFortnoxClientId(const QString& clientId);
    // Hidden: Fortnox's API base, for the emulator (FortnoxEndpoints).
    QString fortnoxBaseUrl() const;
    // How Fortnox is connected: "oauth", "legacy", or empty when it is not. The credentials are in the keychain.
    QString fortnoxConnection() const;
    // The id of the connection made then, new with every one (Store::accountUri); the id goes when mode is empty.
    QString fortnoxConnectionId() const;
    void setFortnoxConnection(const QString& mode);

    bool notificationsEnabled(NotificationKind kind) const;
    void setNotificationsEnabled(NotificationKind kind, bool enabled);

    // How often stores that cannot report changes themselves are listed again.
    int pollIntervalMinutes() const;
    void setPollIntervalMinutes(int minutes);

    int maxConcurrentTransfers() const;
    void setMaxConcurrentTransfers(int count);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);
    // 0: details, 1: grid.
    int viewMode() const;
    void setViewMode(int mode);

    // "invoices/4455": the record shown when the window last closed.
    QString lastEntity() const;
    void setLastEntity(const QString& entity);

    void sync() { m_settings->sync(); }

private:
    std::unique_ptr<QSettings> m_settings;
};
