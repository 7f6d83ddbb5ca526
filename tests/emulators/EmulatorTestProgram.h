#pragma once

// For the emulators' own tests of their standalone programs: the base URL is the first line of standard output,
// the line scripts wait for; what a person needs (credentials, the data folder) comes on standard error.

#include <QLatin1Char>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

namespace EmulatorTestProgram {

// The first line the program prints, trimmed; empty when it printed none within 30 s.
inline QString readFirstLine(QProcess& program)
{
    while (!program.canReadLine()) {
        if (!program.waitForReadyRead(30000))
            return {};
    }
    return QString::fromUtf8(program.readLine()).trimmed();
}

// Whether the line is a base URL on the loopback address, where the programs listen.
inline bool isLoopbackUrl(const QString& line)
{
    return QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:\\d+$")).match(line).hasMatch();
}

// Standard error up to the end of the line that holds `marker`, the program's last line of notes; what came
// so far when nothing more comes within 30 s.
inline QString readErrorsUntil(QProcess& program, const QString& marker)
{
    program.setReadChannel(QProcess::StandardError);
    QString errors;
    while (!errors.contains(marker) || !errors.endsWith(QLatin1Char('\n'))) {
        if (!program.canReadLine() && !program.waitForReadyRead(30000))
            return errors;
        errors += QString::fromUtf8(program.readAll());
    }
    return errors;
}

// What follows "label: " on its line of the program's notes; empty when the label is not there.
inline QString labelledValue(const QString& notes, const QString& label)
{
    return QRegularExpression(QRegularExpression::escape(label) + QStringLiteral(": (.*)"))
        .match(notes)
        .captured(1)
        .trimmed();
}

} // namespace EmulatorTestProgram
