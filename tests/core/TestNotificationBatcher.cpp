// NotificationBatcher: one summary per burst of finished transfers, never one per file.

#include "NotificationBatcher.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using State = Transfer::State;
using Kind = Transfer::Kind;

class TestNotificationBatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void burstGivesOneNotificationOnFlush();
    void burstGivesOneNotificationAfterQuietInterval();
    void focusIsUnsetForSeveralEntities();
    void failuresMakeAnErrorAndAreNamed();
    void manyFailuresAreShortened();
    void cancelledAndUnfinishedAreIgnored();
    void kindsAreCountedSeparately();
    void disabledStaysSilent();
    void eachKindHasItsOwnSwitch();
    void remoteChangesOnOneEntity();
    void remoteChangesOnSeveralEntities();
    void flushWithNothingIsSilent();
    void messageWording_data();
    void messageWording();

private:
    static Transfer transfer(Kind kind, State state, const QString& name, const EntityRef& target);
    static void spinEventLoop()
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
    }
    QTranslator m_english;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
    const EntityRef m_other { EntityType::Invoices, u"4456"_s };
    const EntityRef m_inbox { EntityType::Inbox, u"Unsorted"_s };
};

Transfer TestNotificationBatcher::transfer(Kind kind, State state, const QString& name, const EntityRef& target)
{
    static int nextId = 1;
    Transfer t;
    t.id = nextId++;
    t.kind = kind;
    t.state = state;
    t.target = target;
    t.source = AttachmentRef { kind == Kind::Upload ? target : EntityRef { EntityType::Inbox, u"Unsorted"_s }, name };
    if (state == State::Failed)
        t.errorString = u"It failed."_s;
    return t;
}

namespace {
QString message(const QSignalSpy& spy, int i = 0)
{
    return spy.at(i).at(1).toString();
}
EntityRef entity(const QSignalSpy& spy, int i = 0)
{
    return spy.at(i).at(2).value<EntityRef>();
}
bool isError(const QSignalSpy& spy, int i = 0)
{
    return spy.at(i).at(3).toBool();
}
} // namespace

void TestNotificationBatcher::initTestCase()
{
    // The plural forms ("1 document", "3 documents") come from the English translation that the core
    // carries under :/i18n and that the window and attache-cli install.
    QVERIFY(m_english.load(u"attache_en"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
}

void TestNotificationBatcher::burstGivesOneNotificationOnFlush()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    for (const QString& name : { u"a.pdf"_s, u"b.pdf"_s, u"c.pdf"_s })
        batcher.add(transfer(Kind::Upload, State::Done, name, m_invoice));
    QCOMPARE(spy.count(), 0);
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"Transfers finished"_s);
    QVERIFY2(message(spy).startsWith(u"3 document"_s), qPrintable(message(spy)));
    QVERIFY2(message(spy).endsWith(u" uploaded to Invoice 4455"_s), qPrintable(message(spy)));
    QCOMPARE(entity(spy), m_invoice);
    QCOMPARE(isError(spy), false);

    // The burst is over: flushing again, or the quiet timer, adds nothing.
    batcher.flush();
    spinEventLoop();
    QCOMPARE(spy.count(), 1);
}

void TestNotificationBatcher::burstGivesOneNotificationAfterQuietInterval()
{
    NotificationBatcher batcher;
    batcher.setQuietInterval(50);
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    for (int i = 0; i < 20; ++i)
        batcher.add(transfer(Kind::Upload, State::Done, u"f%1.pdf"_s.arg(i), m_invoice));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.count(), 1);
    QVERIFY2(message(spy).startsWith(u"20 document"_s), qPrintable(message(spy)));
    batcher.flush();
    QCOMPARE(spy.count(), 1);

    // A later burst is summed up on its own.
    batcher.add(transfer(Kind::Upload, State::Done, u"late.pdf"_s, m_other));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.count(), 2);
    QVERIFY2(message(spy, 1).startsWith(u"1 document"_s), qPrintable(message(spy, 1)));
    QCOMPARE(entity(spy, 1), m_other);
}

void TestNotificationBatcher::focusIsUnsetForSeveralEntities()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.add(transfer(Kind::Upload, State::Done, u"a.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Done, u"b.pdf"_s, m_other));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QVERIFY(entity(spy).id.isEmpty());
    QVERIFY2(message(spy).startsWith(u"2 document"_s), qPrintable(message(spy)));
    // No single entity to name.
    QVERIFY2(!message(spy).contains(u"Invoice"_s), qPrintable(message(spy)));
    QVERIFY2(message(spy).endsWith(u" uploaded"_s), qPrintable(message(spy)));
}

void TestNotificationBatcher::failuresMakeAnErrorAndAreNamed()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.add(transfer(Kind::Upload, State::Done, u"good.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Failed, u"bad.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Failed, u"worse.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(isError(spy), true);
    QCOMPARE(spy.at(0).at(0).toString(), u"Some transfers failed"_s);
    QVERIFY2(message(spy).contains(u"bad.pdf"_s), qPrintable(message(spy)));
    QVERIFY2(message(spy).contains(u"worse.pdf"_s), qPrintable(message(spy)));
    QVERIFY2(message(spy).contains(u"2 failed"_s), qPrintable(message(spy)));
    QVERIFY2(message(spy).startsWith(u"1 document"_s), qPrintable(message(spy)));
}

void TestNotificationBatcher::manyFailuresAreShortened()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    for (int i = 1; i <= 5; ++i)
        batcher.add(transfer(Kind::Upload, State::Failed, u"bad%1.pdf"_s.arg(i), m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QVERIFY(isError(spy));
    QVERIFY2(message(spy).contains(u"5 failed (bad1.pdf, bad2.pdf, bad3.pdf, …)"_s), qPrintable(message(spy)));
    QVERIFY(!message(spy).contains(u"bad4.pdf"_s));
}

void TestNotificationBatcher::cancelledAndUnfinishedAreIgnored()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.add(transfer(Kind::Upload, State::Cancelled, u"c.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Running, u"r.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Queued, u"q.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 0);

    batcher.add(transfer(Kind::Upload, State::Cancelled, u"c.pdf"_s, m_other));
    batcher.add(transfer(Kind::Upload, State::Done, u"d.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QVERIFY2(message(spy).startsWith(u"1 document"_s), qPrintable(message(spy)));
    QCOMPARE(entity(spy), m_invoice);
    QVERIFY(!isError(spy));
}

void TestNotificationBatcher::kindsAreCountedSeparately()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.add(transfer(Kind::Move, State::Done, u"m1.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Move, State::Done, u"m2.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Done, u"u.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    const QString text = message(spy);
    QVERIFY2(text.contains(u"uploaded to Invoice 4455"_s), qPrintable(text));
    QVERIFY2(text.contains(u"2 document"_s) && text.contains(u"moved to Invoice 4455"_s), qPrintable(text));
    // Moves land on the invoice: that is where a click should go.
    QCOMPARE(entity(spy), m_invoice);

    batcher.add(transfer(Kind::Delete, State::Done, u"x.pdf"_s, m_inbox));
    batcher.add(transfer(Kind::Download, State::Done, u"y.pdf"_s, m_inbox));
    batcher.flush();
    QCOMPARE(spy.count(), 2);
    QVERIFY2(message(spy, 1).contains(u"deleted"_s), qPrintable(message(spy, 1)));
    QVERIFY2(message(spy, 1).contains(u"saved"_s), qPrintable(message(spy, 1)));
}

void TestNotificationBatcher::disabledStaysSilent()
{
    NotificationBatcher batcher;
    batcher.setQuietInterval(50);
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.add(transfer(Kind::Upload, State::Done, u"before.pdf"_s, m_invoice));
    batcher.addRemoteChanges(m_other, 2, 0);
    for (NotificationKind kind : allNotificationKinds)
        batcher.setEnabled(kind, false);
    QVERIFY(!batcher.isEnabled(NotificationKind::TransfersFinished));
    batcher.add(transfer(Kind::Upload, State::Done, u"during.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Failed, u"failed.pdf"_s, m_invoice));
    batcher.addRemoteChanges(m_other, 1, 1);
    batcher.flush();
    QVERIFY(!spy.wait(200));
    QCOMPARE(spy.count(), 0);

    // What was gathered before disabling is dropped, not delivered later.
    for (NotificationKind kind : allNotificationKinds)
        batcher.setEnabled(kind, true);
    batcher.flush();
    QCOMPARE(spy.count(), 0);
    batcher.add(transfer(Kind::Upload, State::Done, u"after.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QVERIFY2(message(spy).startsWith(u"1 document"_s), qPrintable(message(spy)));
}

void TestNotificationBatcher::eachKindHasItsOwnSwitch()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.setEnabled(NotificationKind::TransfersFinished, false);
    batcher.add(transfer(Kind::Upload, State::Done, u"good.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Failed, u"bad.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QVERIFY(isError(spy));
    QVERIFY2(!message(spy).contains(u"uploaded"_s), qPrintable(message(spy)));

    batcher.setEnabled(NotificationKind::TransfersFinished, true);
    batcher.setEnabled(NotificationKind::TransfersFailed, false);
    batcher.add(transfer(Kind::Upload, State::Done, u"good.pdf"_s, m_invoice));
    batcher.add(transfer(Kind::Upload, State::Failed, u"bad.pdf"_s, m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 2);
    QVERIFY(!isError(spy, 1));
    QVERIFY2(!message(spy, 1).contains(u"bad.pdf"_s), qPrintable(message(spy, 1)));

    // Changes found on the store are a kind of their own: switching transfers off leaves them on.
    batcher.setQuietInterval(50);
    batcher.setEnabled(NotificationKind::TransfersFinished, false);
    batcher.addRemoteChanges(m_invoice, 1, 0);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.count(), 3);
    batcher.setEnabled(NotificationKind::RemoteChanges, false);
    batcher.addRemoteChanges(m_invoice, 1, 0);
    QVERIFY(!spy.wait(200));
}

void TestNotificationBatcher::remoteChangesOnOneEntity()
{
    NotificationBatcher batcher;
    batcher.setQuietInterval(50);
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.addRemoteChanges(m_invoice, 2, 0);
    batcher.addRemoteChanges(m_invoice, 1, 1);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"Documents changed"_s);
    QCOMPARE(message(spy), u"3 new documents on Invoice 4455, 1 removed"_s);
    QCOMPARE(entity(spy), m_invoice);
    QVERIFY(!isError(spy));

    batcher.addRemoteChanges(m_other, 0, 1);
    QVERIFY(spy.wait(10000));
    QCOMPARE(message(spy, 1), u"1 document removed from Invoice 4456"_s);
    // Nothing changed: nothing to say.
    batcher.addRemoteChanges(m_other, 0, 0);
    QVERIFY(!spy.wait(200));
}

void TestNotificationBatcher::remoteChangesOnSeveralEntities()
{
    NotificationBatcher batcher;
    batcher.setQuietInterval(50);
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.addRemoteChanges(m_invoice, 1, 0);
    batcher.addRemoteChanges(m_other, 3, 0);
    batcher.addRemoteChanges(m_inbox, 0, 2);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(message(spy), u"4 new documents, 2 removed on 3 records"_s);
    // A click opens the record that changed most.
    QCOMPARE(entity(spy), m_other);
}

void TestNotificationBatcher::flushWithNothingIsSilent()
{
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    batcher.flush();
    QCOMPARE(spy.count(), 0);
}

void TestNotificationBatcher::messageWording_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << 1 << u"1 document uploaded to Invoice 4455"_s;
    QTest::newRow("three") << 3 << u"3 documents uploaded to Invoice 4455"_s;
}

void TestNotificationBatcher::messageWording()
{
    // What the user reads, in the English the app ships with.
    QFETCH(int, count);
    QFETCH(QString, expected);
    NotificationBatcher batcher;
    QSignalSpy spy(&batcher, &NotificationBatcher::notificationReady);
    for (int i = 0; i < count; ++i)
        batcher.add(transfer(Kind::Upload, State::Done, u"f%1.pdf"_s.arg(i), m_invoice));
    batcher.flush();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(message(spy), expected);
}

QTEST_GUILESS_MAIN(TestNotificationBatcher)
#include "TestNotificationBatcher.moc"
