// SPDX-License-Identifier: Apache-2.0
#include "modules/auth/captcha_image.h"

#include <gd.h>
#include <gdfontg.h>

#include <filesystem>
#include <memory>

namespace crm::auth {

namespace {

constexpr int kWidth = 120;
constexpr int kHeight = 40;
constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

struct ImageDeleter {
  void operator()(gdImage* image) const { gdImageDestroy(image); }
};

// An integer in [low, high].
int between(Random& random, int low, int high) {
  return low + static_cast<int>(random.uniform(static_cast<uint64_t>(high - low + 1)));
}

int random_color(gdImage* image, Random& random, int low, int high) {
  return gdImageColorAllocate(image, between(random, low, high), between(random, low, high),
                              between(random, low, high));
}

}  // namespace

Result<std::string> render_captcha_png(std::string_view text, Random& random) {
  std::unique_ptr<gdImage, ImageDeleter> image(gdImageCreateTrueColor(kWidth, kHeight));
  if (!image) return internal_error("gdImageCreateTrueColor failed");
  gdImage* img = image.get();
  gdImageFilledRectangle(img, 0, 0, kWidth - 1, kHeight - 1, random_color(img, random, 225, 255));

  for (int i = 0; i < 4; ++i) {  // lines behind the text
    gdImageSetThickness(img, 1);
    gdImageLine(img, between(random, 0, kWidth), between(random, 0, kHeight),
                between(random, 0, kWidth), between(random, 0, kHeight),
                random_color(img, random, 120, 200));
  }

  static const bool have_font = std::filesystem::exists(kFont);
  const int step = (kWidth - 12) / static_cast<int>(std::max<size_t>(text.size(), 1));
  for (size_t i = 0; i < text.size(); ++i) {
    const int color = random_color(img, random, 10, 110);
    const int x = 6 + static_cast<int>(i) * step + between(random, -2, 2);
    char glyph[2] = {text[i], '\0'};
    if (have_font) {
      const double angle = (between(random, -30, 30)) * 3.14159265358979 / 180.0;
      int bounds[8];
      const int y = 29 + between(random, -4, 4);
      char* failed = gdImageStringFT(img, bounds, color, const_cast<char*>(kFont),
                                     between(random, 16, 20), angle, x, y, glyph);
      if (failed != nullptr) return internal_error(std::string("gdImageStringFT: ") + failed);
    } else {
      gdImageChar(img, gdFontGetGiant(), x, 10 + between(random, -4, 4), glyph[0], color);
    }
  }

  for (int i = 0; i < 3; ++i) {  // lines across the text
    gdImageLine(img, between(random, 0, kWidth / 3), between(random, 0, kHeight),
                between(random, 2 * kWidth / 3, kWidth), between(random, 0, kHeight),
                random_color(img, random, 60, 160));
  }
  for (int i = 0; i < 150; ++i) {  // dots
    gdImageSetPixel(img, between(random, 0, kWidth - 1), between(random, 0, kHeight - 1),
                    random_color(img, random, 0, 255));
  }

  int size = 0;
  void* png = gdImagePngPtr(img, &size);
  if (png == nullptr || size <= 0) {
    return Error{ErrorKind::kInternal, "auth.captcha_render_failed",
                 "The captcha could not be drawn.", {}, "gdImagePngPtr failed"};
  }
  std::string bytes(static_cast<const char*>(png), static_cast<size_t>(size));
  gdFree(png);
  return bytes;
}

}  // namespace crm::auth
