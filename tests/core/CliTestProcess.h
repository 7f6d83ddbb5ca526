#pragma once

// attache-cli as a child process of a test, waited for with the event loop running: the emulators answer from
// the test's own thread.

#include <QProcess>
#include <QSignalSpy>
#include <QStringList>
#include <QTest>

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QStringList outLines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    QStringList errLines() const { return err.split(u'\n', Qt::SkipEmptyParts); }
};

// Fails the test with the tool's own words when it did not exit as expected.
// Evaluates `run` once: it may be the call that runs the tool.
#define EXPECT_EXIT(run, code)                                                                                         \
    do {                                                                                                               \
        const CliRun expectExitRun = (run);                                                                            \
        QVERIFY2(expectExitRun.exitCode == (code), qPrintable(expectExitRun.out + u'|' + expectExitRun.err));          \
    } while (false)

namespace CliTest {

inline void start(QProcess& process, const QProcessEnvironment& environment, const QString& workingDirectory,
                  const QStringList& arguments)
{
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(ATTACHE_CLI_PATH), arguments);
}

inline void finish(QProcess& process, CliRun& run, int timeoutMs)
{
    QSignalSpy finished(&process, &QProcess::finished);
    if (process.state() != QProcess::NotRunning && !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("attache-cli did not finish: ") + QString::fromUtf8(process.readAllStandardError());
        return;
    }
    if (process.error() == QProcess::FailedToStart) {
        run.err = QStringLiteral("attache-cli did not start: ") + process.errorString();
        return;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out += QString::fromUtf8(process.readAllStandardOutput());
    run.err += QString::fromUtf8(process.readAllStandardError());
}

// Runs attache-cli to its end, with the lines as its standard input.
inline CliRun run(const QProcessEnvironment& environment, const QString& workingDirectory, const QStringList& arguments,
                  const QStringList& input, int timeoutMs)
{
    QProcess process;
    start(process, environment, workingDirectory, arguments);
    if (!input.isEmpty())
        process.write((input.join(u'\n') + u'\n').toUtf8());
    process.closeWriteChannel();
    CliRun result;
    finish(process, result, timeoutMs);
    return result;
}

} // namespace CliTest
