#pragma once

#include <QColor>
#include <QString>

// Writes the kinds of document a bookkeeper files: photos of receipts and PDF invoices.
namespace SampleDocuments {

// An image of the given size in the format the suffix names (png, jpg, bmp, ...).
bool writeImage(const QString& path, int width, int height, const QColor& color);
// A one-page A4 PDF with a title, as an invoice.
bool writePdf(const QString& path, const QString& title);
bool writeText(const QString& path, const QByteArray& content);

} // namespace SampleDocuments
