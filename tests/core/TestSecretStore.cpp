// SecretStore against the real GNOME Keyring on a private D-Bus session (tests/with-keyring.sh), and
// on a session without any keychain (with-keyring.sh --without-keyring).

#include "../KeyringTestHelpers.h"
#include "SecretStore.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <atomic>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// The answer to one call. Its context dies first, so an answer arriving after a failed check
// never lands on a destroyed test.
struct Answer
{
    std::optional<SecretStore::Result> result;
    QObject context;

    SecretStore::Callback callback()
    {
        return [this](const SecretStore::Result& answer) { result = answer; };
    }
};

// Long and random, so that finding it in a file cannot be a coincidence.
QString uniqueSecret()
{
    return u"sl.secret-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"-tøken"_s;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTrip();
    void readingMissingKeyIsNotFound();
    void removingMissingKeySucceeds();
    void keysAreSeparate();
    void secretIsOnlyInEncryptedKeyring();
    void goneContextIsNotCalled();
    void answersOnTheCallersThread();
    void missingKeychainGivesClearError();
};

void TestSecretStore::init()
{
    // Never the developer's own keyring: each case runs only in the session it was written for.
    const QByteArray keyring = qgetenv("ATTACHE_TEST_KEYRING");
    const bool wantsNone = QLatin1String(QTest::currentTestFunction()) == "missingKeychainGivesClearError"_L1;
    if (wantsNone && keyring != "none")
        QSKIP("Needs a session without a keychain: tests/with-keyring.sh --without-keyring");
    if (!wantsNone && keyring != "gnome-keyring")
        QSKIP("Needs a private keyring: tests/with-keyring.sh");
}

void TestSecretStore::roundTrip()
{
    const QString key = u"dropbox:dbid:AAH4f-round-trip"_s;
    const QString first = uniqueSecret();
    const QString second = uniqueSecret();

    Answer written;
    SecretStore::writeSecret(key, first, &written.context, written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY2(written.result->ok, qPrintable(written.result->errorString));

    Answer read;
    SecretStore::readSecret(key, &read.context, read.callback());
    QTRY_VERIFY(read.result);
    QVERIFY2(read.result->ok, qPrintable(read.result->errorString));
    QCOMPARE(read.result->secret, first);

    Answer overwritten;
    SecretStore::writeSecret(key, second, &overwritten.context, overwritten.callback());
    QTRY_VERIFY(overwritten.result);
    QVERIFY2(overwritten.result->ok, qPrintable(overwritten.result->errorString));

    Answer reread;
    SecretStore::readSecret(key, &reread.context, reread.callback());
    QTRY_VERIFY(reread.result);
    QVERIFY(reread.result->ok);
    QCOMPARE(reread.result->secret, second);

    Answer removed;
    SecretStore::removeSecret(key, &removed.context, removed.callback());
    QTRY_VERIFY(removed.result);
    QVERIFY2(removed.result->ok, qPrintable(removed.result->errorString));

    Answer gone;
    SecretStore::readSecret(key, &gone.context, gone.callback());
    QTRY_VERIFY(gone.result);
    QVERIFY(!gone.result->ok);
    QVERIFY(gone.result->notFound);
    QVERIFY(gone.result->secret.isEmpty());
}

void TestSecretStore::readingMissingKeyIsNotFound()
{
    Answer read;
    SecretStore::readSecret(u"dropbox:dbid:never-written"_s, &read.context, read.callback());
    QTRY_VERIFY(read.result);
    QVERIFY(!read.result->ok);
    QVERIFY(read.result->notFound);
    QVERIFY(read.result->secret.isEmpty());
    QVERIFY(!read.result->errorString.isEmpty());
}

void TestSecretStore::removingMissingKeySucceeds()
{
    Answer removed;
    SecretStore::removeSecret(u"dropbox:dbid:never-written"_s, &removed.context, removed.callback());
    QTRY_VERIFY(removed.result);
    QVERIFY2(removed.result->ok, qPrintable(removed.result->errorString));
}

void TestSecretStore::keysAreSeparate()
{
    const QString secretA = uniqueSecret();
    const QString secretB = uniqueSecret();
    Answer writtenA;
    Answer writtenB;
    SecretStore::writeSecret(u"dropbox:dbid:A"_s, secretA, &writtenA.context, writtenA.callback());
    SecretStore::writeSecret(u"dropbox:dbid:B"_s, secretB, &writtenB.context, writtenB.callback());
    QTRY_VERIFY(writtenA.result && writtenB.result);
    QVERIFY(writtenA.result->ok && writtenB.result->ok);

    Answer removedA;
    SecretStore::removeSecret(u"dropbox:dbid:A"_s, &removedA.context, removedA.callback());
    Answer readA;
    SecretStore::readSecret(u"dropbox:dbid:A"_s, &readA.context, readA.callback());
    Answer readB;
    SecretStore::readSecret(u"dropbox:dbid:B"_s, &readB.context, readB.callback());
    QTRY_VERIFY(removedA.result && readA.result && readB.result);
    QVERIFY(readA.result->notFound);
    QVERIFY(readB.result->ok);
    QCOMPARE(readB.result->secret, secretB);
}

void TestSecretStore::secretIsOnlyInEncryptedKeyring()
{
    const QString secret = uniqueSecret();
    Answer written;
    SecretStore::writeSecret(u"dropbox:dbid:on-disk"_s, secret, &written.context, written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY2(written.result->ok, qPrintable(written.result->errorString));

    // The keyring is on disk, encrypted, and nothing else holds the secret: no plaintext fallback.
    const QFileInfo keyring(QDir::home().filePath(u".local/share/keyrings/login.keyring"_s));
    QVERIFY2(keyring.size() > 0, qPrintable(keyring.filePath()));
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, secret), QStringList());

    // The search does find a plain copy.
    QFile plain(QDir::home().filePath(u"plain.txt"_s));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(u"token=%1\n"_s.arg(secret).toUtf8());
    plain.close();
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, secret), QStringList { plain.fileName() });
    QVERIFY(plain.remove());
}

void TestSecretStore::goneContextIsNotCalled()
{
    // The keychain runs jobs in order, so once the later one answers, the earlier one has finished too.
    int calls = 0;
    auto context = std::make_unique<QObject>();
    SecretStore::readSecret(u"dropbox:dbid:never-written"_s, context.get(),
                            [&calls](const SecretStore::Result&) { ++calls; });
    context.reset();
    Answer later;
    SecretStore::readSecret(u"dropbox:dbid:never-written"_s, &later.context, later.callback());
    QTRY_VERIFY(later.result);
    QCOMPARE(calls, 0);
}

// A store's network thread asks too: the keychain is used from the application's thread, and the answer comes back
// on the asking context's.
void TestSecretStore::answersOnTheCallersThread()
{
    const QString secret = uniqueSecret();
    Answer written;
    SecretStore::writeSecret(u"fortnox:thread-test"_s, secret, &written.context, written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY2(written.result->ok, qPrintable(written.result->errorString));

    QThread worker;
    worker.start();
    QObject context;
    context.moveToThread(&worker);
    std::atomic<QThread*> answeredOn { nullptr };
    QString read;
    QMutex mutex;
    QMetaObject::invokeMethod(&context, [&context, &answeredOn, &read, &mutex] {
        SecretStore::readSecret(u"fortnox:thread-test"_s, &context,
                                [&answeredOn, &read, &mutex](const SecretStore::Result& result) {
                                    const QMutexLocker locker(&mutex);
                                    read = result.secret;
                                    answeredOn = QThread::currentThread();
                                });
    });
    QTRY_VERIFY(answeredOn.load() != nullptr);
    QCOMPARE(answeredOn.load(), &worker);
    {
        const QMutexLocker locker(&mutex);
        QCOMPARE(read, secret);
    }
    // The context goes with its thread's help before the thread ends.
    QMetaObject::invokeMethod(
        &context, [&context] { context.moveToThread(QCoreApplication::instance()->thread()); },
        Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
}

void TestSecretStore::missingKeychainGivesClearError()
{
    const QString secret = uniqueSecret();
    Answer written;
    SecretStore::writeSecret(u"dropbox:dbid:nowhere"_s, secret, &written.context, written.callback());
    QTRY_VERIFY(written.result);
    QVERIFY(!written.result->ok);
    QVERIFY(!written.result->notFound);
    QVERIFY2(written.result->errorString.contains(u"system keychain"_s), qPrintable(written.result->errorString));
    QCOMPARE(KeyringTest::filesContaining({ QDir::homePath() }, secret), QStringList());

    Answer read;
    SecretStore::readSecret(u"dropbox:dbid:nowhere"_s, &read.context, read.callback());
    QTRY_VERIFY(read.result);
    QVERIFY(!read.result->ok);
    QVERIFY(!read.result->notFound);
    QVERIFY2(read.result->errorString.contains(u"system keychain"_s), qPrintable(read.result->errorString));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
