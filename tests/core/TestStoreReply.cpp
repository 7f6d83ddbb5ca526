// StoreReply: finishes exactly once; abort() asks once and never after the end.

#include "StoreReply.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStoreReply : public QObject
{
    Q_OBJECT

private slots:
    void startsUnfinished();
    void finishesOnceWithSuccess();
    void finishesOnceWithError();
    void abortRequestsOnce();
    void abortAfterFinishIsIgnored();
    void progressOnlyBeforeFinish();
    void results();
};

void TestStoreReply::startsUnfinished()
{
    StoreReply reply;
    QVERIFY(!reply.isFinished());
    QCOMPARE(reply.error(), StoreReply::Error::None);
    QVERIFY(!reply.cancelFlag()->load());
}

void TestStoreReply::finishesOnceWithSuccess()
{
    StoreReply reply;
    QSignalSpy finished(&reply, &StoreReply::finished);
    reply.finishWithSuccess();
    reply.finishWithSuccess();
    reply.finishWithError(StoreReply::Error::Io, u"late"_s);
    QCOMPARE(finished.count(), 1);
    QVERIFY(reply.isFinished());
    QCOMPARE(reply.error(), StoreReply::Error::None);
    QVERIFY(reply.errorString().isEmpty());
}

void TestStoreReply::finishesOnceWithError()
{
    StoreReply reply;
    QSignalSpy finished(&reply, &StoreReply::finished);
    reply.finishWithError(StoreReply::Error::NotFound, u"gone"_s);
    reply.finishWithSuccess();
    reply.finishWithError(StoreReply::Error::Io, u"other"_s);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply.error(), StoreReply::Error::NotFound);
    QCOMPARE(reply.errorString(), u"gone"_s);
}

void TestStoreReply::abortRequestsOnce()
{
    StoreReply reply;
    QSignalSpy requested(&reply, &StoreReply::abortRequested);
    reply.abort();
    reply.abort();
    QCOMPARE(requested.count(), 1);
    QVERIFY(reply.cancelFlag()->load());
    // Aborting only asks: the store finishes the reply.
    QVERIFY(!reply.isFinished());
}

void TestStoreReply::abortAfterFinishIsIgnored()
{
    StoreReply reply;
    reply.finishWithSuccess();
    QSignalSpy requested(&reply, &StoreReply::abortRequested);
    reply.abort();
    QCOMPARE(requested.count(), 0);
    QVERIFY(!reply.cancelFlag()->load());
    QCOMPARE(reply.error(), StoreReply::Error::None);
}

void TestStoreReply::progressOnlyBeforeFinish()
{
    StoreReply reply;
    QSignalSpy progress(&reply, &StoreReply::progress);
    reply.reportProgress(5, 10);
    reply.finishWithSuccess();
    reply.reportProgress(10, 10);
    QCOMPARE(progress.count(), 1);
    QCOMPARE(progress.at(0).at(0).toLongLong(), 5);
    QCOMPARE(progress.at(0).at(1).toLongLong(), 10);
}

void TestStoreReply::results()
{
    StoreReply reply;
    QVERIFY(reply.attachment().name.isEmpty());
    Attachment a;
    a.name = u"a.pdf"_s;
    Attachment b;
    b.name = u"b.pdf"_s;
    reply.setAttachments({ a, b });
    QCOMPARE(reply.attachment().name, u"a.pdf"_s);
    QCOMPARE(reply.attachments().size(), 2);
    reply.setData("png");
    QCOMPARE(reply.data(), QByteArray("png"));
}

QTEST_GUILESS_MAIN(TestStoreReply)
#include "TestStoreReply.moc"
