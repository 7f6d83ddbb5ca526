#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The PDF that "Send PDF to Dropbox" makes of a quote, invoice or purchase: one A4 page with a title and lines of
// text, written by hand so that it needs neither fonts nor a GUI (the program runs on a QCoreApplication).
namespace KashflowEmulatorPdf {

// Text outside Latin-1 is written as "?": the standard Helvetica font has no more.
QByteArray document(const QString& title, const QStringList& lines);

} // namespace KashflowEmulatorPdf
