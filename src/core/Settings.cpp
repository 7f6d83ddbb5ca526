#include "Settings.h"

#include "LocalStore.h"

#include <QCoreApplication>
#include <QUuid>

Settings::Settings(const QString& fileName)
    // Named after the app, not the running program, so that attache-cli shares the window's settings.
    : m_settings(fileName.isEmpty()
                     ? std::make_unique<QSettings>(QCoreApplication::organizationName(), QStringLiteral("attache"))
                     : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

QString Settings::storeUri() const
{
    return m_settings->value(QStringLiteral("store/uri"), QString(QStringLiteral("local:") + localRootPath()))
        .toString();
}

void Settings::setStoreUri(const QString& uri)
{
    m_settings->setValue(QStringLiteral("store/uri"), uri);
}

QString Settings::localRootPath() const
{
    return m_settings->value(QStringLiteral("store/localRoot"), LocalStore::defaultRootPath()).toString();
}

void Settings::setLocalRootPath(const QString& path)
{
    m_settings->setValue(QStringLiteral("store/localRoot"), path);
}

QString Settings::dropboxAppKey() const
{
    const QString fromEnvironment = qEnvironmentVariable("ATTACHE_DROPBOX_APP_KEY");
    return fromEnvironment.isEmpty() ? m_settings->value(QStringLiteral("dropbox/appKey")).toString() : fromEnvironment;
}

void Settings::setDropboxAppKey(const QString& key)
{
    m_settings->setValue(QStringLiteral("dropbox/appKey"), key);
}

QString Settings::dropboxBaseUrl() const
{
    return m_settings->value(QStringLiteral("dropbox/baseUrl")).toString();
}

QString Settings::dropboxAccountId() const
{
    return m_settings->value(QStringLiteral("dropbox/accountId")).toString();
}

QString Settings::dropboxAccountName() const
{
    return m_settings->value(QStringLiteral("dropbox/accountName")).toString();
}

void Settings::setDropboxAccount(const QString& accountId, const QString& name)
{
    if (accountId.isEmpty()) {
        m_settings->remove(QStringLiteral("dropbox/accountId"));
        m_settings->remove(QStringLiteral("dropbox/accountName"));
        return;
    }
    m_settings->setValue(QStringLiteral("dropbox/accountId"), accountId);
    m_settings->setValue(QStringLiteral("dropbox/accountName"), name);
}

QString Settings::kashflowBaseUrl() const
{
    const QString fromEnvironment = qEnvironmentVariable("ATTACHE_KASHFLOW_BASE_URL");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return m_settings->value(QStringLiteral("kashflow/baseUrl"), QStringLiteral("https://api.kashflow.com/v2"))
        .toString();
}

QString Settings::kashflowUserName() const
{
    return m_settings->value(QStringLiteral("kashflow/userName")).toString();
}

void Settings::setKashflowUserName(const QString& userName)
{
    if (userName.isEmpty())
        m_settings->remove(QStringLiteral("kashflow/userName"));
    else
        m_settings->setValue(QStringLiteral("kashflow/userName"), userName);
}

KashflowPayload::Format Settings::kashflowFormat() const
{
    return m_settings->value(QStringLiteral("kashflow/xml"), false).toBool() ? KashflowPayload::Format::Xml
                                                                             : KashflowPayload::Format::Json;
}

PayloadFormat Settings::fortnoxFormat() const
{
    return m_settings->value(QStringLiteral("fortnox/xml"), false).toBool() ? PayloadFormat::Xml : PayloadFormat::Json;
}

void Settings::setFortnoxFormat(PayloadFormat format)
{
    m_settings->setValue(QStringLiteral("fortnox/xml"), format == PayloadFormat::Xml);
}

void Settings::setKashflowFormat(KashflowPayload::Format format)
{
    m_settings->setValue(QStringLiteral("kashflow/xml"), format == KashflowPayload::Format::Xml);
}

QString Settings::fortnoxClientId() const
{
    const QString fromEnvironment = qEnvironmentVariable("ATTACHE_FORTNOX_CLIENT_ID");
    return fromEnvironment.isEmpty() ? m_settings->value(QStringLiteral("fortnox/clientId")).toString()
                                     : fromEnvironment;
}

void Settings::setFortnoxClientId(const QString& clientId)
{
    m_settings->setValue(QStringLiteral("fortnox/clientId"), clientId);
}

QString Settings::fortnoxBaseUrl() const
{
    return m_settings->value(QStringLiteral("fortnox/baseUrl")).toString();
}

QString Settings::fortnoxConnection() const
{
    return m_settings->value(QStringLiteral("fortnox/connection")).toString();
}

QString Settings::fortnoxConnectionId() const
{
    return m_settings->value(QStringLiteral("fortnox/connectionId")).toString();
}

void Settings::setFortnoxConnection(const QString& mode)
{
    if (mode.isEmpty()) {
        m_settings->remove(QStringLiteral("fortnox/connection"));
        m_settings->remove(QStringLiteral("fortnox/connectionId"));
    } else {
        m_settings->setValue(QStringLiteral("fortnox/connection"), mode);
        m_settings->setValue(QStringLiteral("fortnox/connectionId"), QUuid::createUuid().toString(QUuid::Id128));
    }
}

namespace {
QString notificationKey(NotificationKind kind)
{
    switch (kind) {
    case NotificationKind::TransfersFinished:
        return QStringLiteral("notifications/transfers");
    case NotificationKind::TransfersFailed:
        return QStringLiteral("notifications/failures");
    case NotificationKind::RemoteChanges:
        return QStringLiteral("notifications/changes");
    }
    Q_UNREACHABLE();
}
} // namespace

bool Settings::notificationsEnabled(NotificationKind kind) const
{
    // Failures had no switch of their own before: they follow the transfers' one until set.
    const bool fallback = kind != NotificationKind::TransfersFailed
        || m_settings->value(notificationKey(NotificationKind::TransfersFinished), true).toBool();
    return m_settings->value(notificationKey(kind), fallback).toBool();
}

void Settings::setNotificationsEnabled(NotificationKind kind, bool enabled)
{
    m_settings->setValue(notificationKey(kind), enabled);
}

int Settings::pollIntervalMinutes() const
{
    return qBound(1, m_settings->value(QStringLiteral("sync/pollIntervalMinutes"), 5).toInt(), 24 * 60);
}

void Settings::setPollIntervalMinutes(int minutes)
{
    m_settings->setValue(QStringLiteral("sync/pollIntervalMinutes"), minutes);
}

int Settings::maxConcurrentTransfers() const
{
    return qBound(1, m_settings->value(QStringLiteral("transfers/maxConcurrent"), 3).toInt(), 16);
}

void Settings::setMaxConcurrentTransfers(int count)
{
    m_settings->setValue(QStringLiteral("transfers/maxConcurrent"), count);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings->value(QStringLiteral("window/state")).toByteArray();
}

void Settings::setWindowState(const QByteArray& state)
{
    m_settings->setValue(QStringLiteral("window/state"), state);
}

QByteArray Settings::splitterState() const
{
    return m_settings->value(QStringLiteral("window/splitter")).toByteArray();
}

void Settings::setSplitterState(const QByteArray& state)
{
    m_settings->setValue(QStringLiteral("window/splitter"), state);
}

int Settings::viewMode() const
{
    return m_settings->value(QStringLiteral("window/viewMode"), 0).toInt();
}

void Settings::setViewMode(int mode)
{
    m_settings->setValue(QStringLiteral("window/viewMode"), mode);
}

QString Settings::lastEntity() const
{
    return m_settings->value(QStringLiteral("window/lastEntity")).toString();
}

void Settings::setLastEntity(const QString& entity)
{
    m_settings->setValue(QStringLiteral("window/lastEntity"), entity);
}
