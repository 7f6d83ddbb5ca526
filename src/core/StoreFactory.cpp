#include "StoreFactory.h"

#include "DropboxStore.h"
#include "FortnoxAccount.h"
#include "FortnoxStore.h"
#include "KashflowStore.h"
#include "LocalStore.h"
#include "Settings.h"

#include <QCoreApplication>
#include <QDir>

namespace StoreFactory {

namespace {
Store* createDropbox(const QString& rootFolder, const Settings& settings, QObject* parent, QString* error)
{
    if (!rootFolder.isEmpty() && (!rootFolder.startsWith(QLatin1Char('/')) || rootFolder.endsWith(QLatin1Char('/')))) {
        *error = QCoreApplication::translate(
            "StoreFactory", "The Dropbox folder must start with “/” and not end with one: dropbox:/Accounting.");
        return nullptr;
    }
    const DropboxEndpoints endpoints = DropboxEndpoints::fromEnvironment(settings);
    if (const QString problem = endpoints.problem(); !problem.isEmpty()) {
        *error = problem;
        return nullptr;
    }
    if (settings.dropboxAccountId().isEmpty()) {
        *error = QCoreApplication::translate("StoreFactory",
                                             "No Dropbox account is connected. Connect one in Accounts, or with "
                                             "“attache-cli connect dropbox”.");
        return nullptr;
    }
    auto* store = new DropboxStore(endpoints, settings.dropboxAppKey(), rootFolder, parent);
    store->useKeychainAccount(settings.dropboxAccountId());
    return store;
}
Store* createKashflow(const QString& userName, const Settings& settings, QObject* parent, QString* error)
{
    const QUrl base(settings.kashflowBaseUrl());
    if (const QString problem = KashflowStore::baseUrlProblem(base); !problem.isEmpty()) {
        *error = problem;
        return nullptr;
    }
    // "kashflow:" alone is the user the app last signed in as.
    const QString user = userName.isEmpty() ? settings.kashflowUserName() : userName;
    auto* store = new KashflowStore(base, user, parent);
    store->setFormat(settings.kashflowFormat());
    if (!user.isEmpty())
        store->useKeychainCredentials(user);
    return store;
}
Store* createFortnox(const Settings& settings, QObject* parent, QString* error)
{
    const FortnoxEndpoints endpoints = FortnoxEndpoints::fromEnvironment(settings);
    if (const QString problem = endpoints.problem(); !problem.isEmpty()) {
        *error = problem;
        return nullptr;
    }
    if (!FortnoxAccount::isConnected(settings)) {
        *error = QCoreApplication::translate("StoreFactory",
                                             "No Fortnox company is connected. Connect one in Accounts, or with "
                                             "“attache-cli connect fortnox”.");
        return nullptr;
    }
    auto* store = new FortnoxStore(endpoints, parent);
    store->setFormat(settings.fortnoxFormat());
    store->useConnectedCompany(settings);
    return store;
}
} // namespace

Store* create(const QString& uri, const Settings& settings, QObject* parent, QString* error)
{
    const QLatin1String dropboxScheme("dropbox:");
    if (uri.startsWith(dropboxScheme))
        return createDropbox(uri.mid(dropboxScheme.size()), settings, parent, error);
    const QLatin1String kashflowScheme("kashflow:");
    if (uri.startsWith(kashflowScheme))
        return createKashflow(uri.mid(kashflowScheme.size()), settings, parent, error);
    // One company is connected at a time: "fortnox:" is it.
    if (uri == QLatin1String("fortnox:"))
        return createFortnox(settings, parent, error);
    const QLatin1String localScheme("local:");
    if (uri.startsWith(localScheme)) {
        const QString path = uri.mid(localScheme.size());
        if (path.isEmpty()) {
            *error = QCoreApplication::translate("StoreFactory", "The local store needs a folder: local:PATH.");
            return nullptr;
        }
        return new LocalStore(QDir::isAbsolutePath(path) ? path : QDir::current().absoluteFilePath(path), parent);
    }
    *error = QCoreApplication::translate(
                 "StoreFactory", "Unknown store “%1”. Use local:PATH, dropbox:[/FOLDER], kashflow:[USER] or fortnox:.")
                 .arg(uri);
    return nullptr;
}

} // namespace StoreFactory
