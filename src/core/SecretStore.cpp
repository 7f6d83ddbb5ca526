#include "SecretStore.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

#include <qt6keychain/keychain.h>

namespace {

QString problem(QKeychain::Error error, const QString& detail)
{
    switch (error) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QCoreApplication::translate("SecretStore", "The system keychain is locked or refused access (%1).")
            .arg(detail);
    default:
        // Also what a desktop without a Secret Service or KWallet gets: QtKeychain reports that as a
        // D-Bus error, so say plainly where the secret was meant to go.
        return QCoreApplication::translate(
                   "SecretStore",
                   "Could not use the system keychain (%1). Attaché keeps sign-in secrets only there: make sure "
                   "a keychain such as GNOME Keyring or KWallet is installed and running.")
            .arg(detail);
    }
}

// Starts the job and reports its end to the callback in the context's thread, unless the context is gone by then.
// QtKeychain is not thread-safe (its jobs share one D-Bus connection and its pending replies), so jobs are made and
// run on the application's thread whichever thread asks. The answer crosses back through a connection to the context,
// which Qt removes when the context is destroyed on whatever thread; a QPointer checked on this side would race with
// that. The connection's sender is a bare QObject whose objectNameChanged() says "answered". A job is no one's child:
// deleting a running job would leave the keychain's pending reply pointing at freed memory, so it deletes itself.
void run(std::function<QKeychain::Job*()> makeJob, const QString& key, QObject* context, SecretStore::Callback callback)
{
    QObject* application = QCoreApplication::instance();
    auto result = std::make_shared<SecretStore::Result>();
    auto* answer = new QObject;
    QObject::connect(answer, &QObject::objectNameChanged, context,
                     [result, callback = std::move(callback)] { callback(*result); });
    answer->moveToThread(application->thread());
    QMetaObject::invokeMethod(application, [application, makeJob = std::move(makeJob), key, result, answer] {
        QKeychain::Job* job = makeJob();
        job->setKey(key);
        job->setInsecureFallback(false);
        job->setAutoDelete(true);
        QObject::connect(job, &QKeychain::Job::finished, application, [result, answer](QKeychain::Job* finished) {
            result->ok = finished->error() == QKeychain::NoError;
            result->notFound = finished->error() == QKeychain::EntryNotFound;
            if (result->ok) {
                if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(finished))
                    result->secret = read->textData();
            } else if (result->notFound) {
                result->errorString
                    = QCoreApplication::translate("SecretStore", "The system keychain holds nothing for “%1”.")
                          .arg(finished->key());
            } else {
                result->errorString = problem(finished->error(), finished->errorString());
            }
            answer->setObjectName(QStringLiteral("answered"));
            answer->deleteLater();
        });
        job->start();
    });
}
} // namespace

QString SecretStore::serviceName()
{
    return QStringLiteral("org.attache.Attache");
}

void SecretStore::readSecret(const QString& key, QObject* context, Callback callback)
{
    run([] { return new QKeychain::ReadPasswordJob(serviceName()); }, key, context, std::move(callback));
}

void SecretStore::writeSecret(const QString& key, const QString& secret, QObject* context, Callback callback)
{
    run(
        [secret] {
            auto* job = new QKeychain::WritePasswordJob(serviceName());
            job->setTextData(secret);
            return job;
        },
        key, context, std::move(callback));
}

void SecretStore::removeSecret(const QString& key, QObject* context, Callback callback)
{
    run([] { return new QKeychain::DeletePasswordJob(serviceName()); }, key, context, std::move(callback));
}
