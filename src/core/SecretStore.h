#pragma once

#include <QString>

#include <functional>

class QObject;

// Account secrets (tokens, passwords) in the desktop's keychain through QtKeychain: one service for the app, one key
// per account, e.g. "dropbox:dbid:AAH4f…". Every call is asynchronous, may come from any thread (the keychain itself
// is used from the application's) and reports once to its callback, on the context's thread, unless the context
// object is gone by then. There is never a plaintext fallback: without a keychain the call fails with a message that
// says so. Secrets are never logged.
class SecretStore
{
public:
    struct Result
    {
        bool ok = false;
        QString secret;
        QString errorString;
        // The keychain answered and holds nothing under the key; ok is false.
        bool notFound = false;
    };
    using Callback = std::function<void(const Result&)>;

    static QString serviceName();

    static void readSecret(const QString& key, QObject* context, Callback callback);
    // Replaces any secret already under the key.
    static void writeSecret(const QString& key, const QString& secret, QObject* context, Callback callback);
    // Succeeds when there was nothing under the key.
    static void removeSecret(const QString& key, QObject* context, Callback callback);
};
