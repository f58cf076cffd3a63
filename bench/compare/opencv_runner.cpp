// OpenCV cv::kmeans (Debian libopencv-dev 4.6) on the shared data.
//
// Iterations: cv::kmeans takes initial labels, not centres (KMEANS_USE_INITIAL_LABELS), so we
// pass the nearest-initial-centre label of every point (gen_data.py). Its loop, with
// criteria.maxCount = M (clamped by OpenCV to 2..100), makes M passes: each pass computes the
// centres from the current labels, then assigns every point to its nearest centre, except the
// last pass, which only measures each point's distance to its own centre. So M passes =
// M centre updates + (M - 1) full assignments, and the centres it returns after M passes are
// the centres after M Lloyd iterations of the others (whose first assignment is our labels).
// The timed calls run M = 2 and 12: their difference is exactly 10 updates + 10 full
// assignments. TermCriteria COUNT|EPS with epsilon 0: it stops early only when no centre moved
// at all; OpenCV does not report the pass count, so we detect that case by running M = 11 too:
// identical centres after 11 and 12 passes mean it had stopped. The M = 11 run's centres
// (11 iterations, like the other libraries' hi call) go to the driver's agreement check.
// Threads: cv::setNumThreads(1).
#include <opencv2/core.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "runner_common.hpp"

namespace {

double kmeans_from_labels(const compare::problem& p, int passes, cv::Mat& centres) {
  cv::Mat data(static_cast<int>(p.n), static_cast<int>(p.d), CV_32F,
               const_cast<float*>(p.points.data()));
  cv::Mat labels(static_cast<int>(p.n), 1, CV_32S);
  std::memcpy(labels.ptr<int>(), p.labels0.data(), p.n * sizeof(int));
  const cv::TermCriteria crit(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, passes, 0.0);
  const double t0 = compare::now_s();
  cv::kmeans(data, static_cast<int>(p.k), labels, crit, 1, cv::KMEANS_USE_INITIAL_LABELS,
             centres);
  return compare::now_s() - t0;
}

}  // namespace

int main(int argc, char** argv) {
  compare::problem p;
  const std::string mode = compare::load(argc, argv, p);
  cv::setNumThreads(1);
  cv::Mat centres;

  if (mode == "fit") {
    // k-means++ (3 local trials per centre), 10 attempts, OpenCV's largest iteration count (100);
    // COUNT only, so it also stops when the largest squared centre shift <= FLT_EPSILON^2.
    cv::theRNG().state = 0x12345678;
    cv::Mat data(static_cast<int>(p.n), static_cast<int>(p.d), CV_32F, p.points.data());
    cv::Mat labels;
    const double t0 = compare::now_s();
    cv::kmeans(data, static_cast<int>(p.k), labels,
               cv::TermCriteria(cv::TermCriteria::COUNT, 100, 0.0), 10, cv::KMEANS_PP_CENTERS,
               centres);
    const double s = compare::now_s() - t0;
    const std::string path = p.outdir + "/opencv.fit.f32";
    compare::write_f32(path, centres.ptr<float>(), p.k * p.d);
    compare::print_fit("opencv", "cv::kmeans", s,
                       "KMEANS_PP_CENTERS, attempts=10, maxCount=100 (OpenCV's cap)", path);
    return 0;
  }

  const int lo = 2, hi = 12;
  std::vector<double> t_lo, t_hi;
  kmeans_from_labels(p, lo, centres);  // warm-up
  for (int r = 0; r < p.reps; ++r) {
    t_lo.push_back(kmeans_from_labels(p, lo, centres));
    t_hi.push_back(kmeans_from_labels(p, hi, centres));
  }
  cv::Mat c11;
  kmeans_from_labels(p, hi - 1, c11);
  const bool stopped = cv::norm(c11, centres, cv::NORM_INF) == 0.0;
  const std::string path = p.outdir + "/opencv.lloyd.f32";
  compare::write_f32(path, c11.ptr<float>(), p.k * p.d);
  compare::print_lloyd("opencv", "cv::kmeans", lo, hi, t_lo, t_hi, -1, stopped, -1, path);
  return 0;
}
