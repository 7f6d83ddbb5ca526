#pragma once

#include <QString>

// What a file is, judged from its name the way KashFlow's files API describes it.
namespace FileKind {

// The icon name in KashFlow's (and Dropbox v1's) naming: "page_white_picture" for images,
// "page_white_acrobat" for PDF, "page_white_word", "page_white_excel", "page_white_compressed",
// "page_white_text" and, for anything else, "page_white".
QString iconName(const QString& fileName);
// The MIME type its extension names ("application/pdf"), as an upload's part declares it.
QString mimeTypeName(const QString& fileName);

// The size as KashFlow's SizeToBeDisplayed shows it: 164391 bytes is "160.5 KB".
QString displaySize(qint64 bytes);
// The size as the default locale writes it, for people to read: "160.5 kB", in Swedish "160,5 kB"; empty when
// negative (not known).
QString localizedSize(qint64 bytes);

// True exactly for the formats KashFlow makes a minified version of: jpg, jpeg, png, tiff, tif, gif and bmp.
bool isThumbnailFormat(const QString& fileName);

// True for PDF files, whose first page makes the thumbnail in the window.
bool isPdf(const QString& fileName);

} // namespace FileKind
