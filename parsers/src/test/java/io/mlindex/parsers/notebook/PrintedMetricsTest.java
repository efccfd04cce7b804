package io.mlindex.parsers.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlindex.record.Metric;
import io.mlindex.record.Record;
import io.mlindex.record.RecordKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintedMetricsTest {
  private static Record apply(PrintedMetrics m) {
    Record r = new Record(RecordKind.NOTEBOOK, "notebook", "/x.ipynb");
    m.apply(r);
    return r;
  }

  @Test
  void printedValuesInTheIssuesShapes() {
    PrintedMetrics m = new PrintedMetrics();
    m.stream("accuracy: 0.93\nTest loss = 0.12\nF1 score 0.88\nValidation Acc: 91.5%\n"
        + "Mean Squared Error: 2.5e-3\nROC AUC is 0.77\nthe loss function is mse\nprecision_scores = []\n");
    m.endCell();
    Record r = apply(m);
    Map<String, Metric> got = r.getMetrics();
    assertEquals(0.93, got.get("accuracy").last());
    assertEquals(0.12, got.get("test_loss").last());
    assertEquals(0.88, got.get("f1").last());
    assertEquals(0.915, got.get("val_accuracy").last(), 1e-12);
    assertEquals(0.0025, got.get("mse").last());
    assertEquals(0.77, got.get("roc_auc").last());
    assertEquals(6, got.size(), got.keySet().toString());
    assertEquals("Test loss", r.getProperties().get("printed_names.test_loss"));
    assertEquals("F1 score", r.getProperties().get("printed_names.f1"));
    assertNull(r.getProperties().get("printed_names.accuracy"), "no note when the printed name is the normal one");
  }

  @Test
  void repeatedValuesFormASeriesInOutputOrder() {
    PrintedMetrics m = new PrintedMetrics();
    m.stream("For: SVC\nAccuracy:  0.96\nFor: KNN\nAccuracy:  0.92\n");
    m.stream("Accuracy:  0.97\n");
    Metric acc = apply(m).getMetrics().get("accuracy");
    assertEquals(3, acc.steps());
    assertEquals(0.97, acc.last());
    assertEquals(0.92, acc.min());
  }

  @Test
  void kerasEpochLinesAreASeriesOverEpochs() {
    PrintedMetrics m = new PrintedMetrics();
    m.stream("Epoch 1/3\n"
        + "\u001B[1m 10/250\u001B[0m ━━━━ ETA: 5s - accuracy: 0.1000 - loss: 2.0000\r"
        + "\u001B[1m250/250\u001B[0m ━━━━━━━━━━━━━━━━━━━━ 1s 4ms/step - accuracy: 0.8672 - loss: 0.3344 - val_accuracy: 0.8635 - val_loss: 0.3416\n"
        + "Epoch 2/3\n"
        + "250/250 [==============================] - 2s 20ms/step - loss: 0.30 - acc: 0.88 - val_loss: 0.33 - val_acc: 0.87\n"
        + "Epoch 3/3\n"
        + " 50/250 [=====>........................] - ETA: 1s - loss: 0.4000 - acc: 0.5000\b\b\b\b\b\b\b\b\b"
        + "250/250 [==============================] - 2s 20ms/step - loss: 0.25 - acc: 0.90 - val_loss: 0.31 - val_acc: 0.89\n"
        + " 63/63 [==============================] - 0s 2ms/step - loss: 0.35 - acc: 0.86\n");
    m.endCell();
    Record r = apply(m);
    Metric loss = r.getMetrics().get("loss");
    assertEquals(4, loss.steps(), "three epochs, then the evaluate() line");
    Metric valAcc = r.getMetrics().get("val_accuracy");
    assertEquals(3, valAcc.steps());
    assertEquals(0.89, valAcc.last());
    assertEquals(3L, valAcc.lastStep());
    assertEquals(0.8635, valAcc.min());
    assertEquals(0.90, r.getMetrics().get("accuracy").series().values()[2]);
    assertEquals("val_acc", r.getProperties().get("printed_names.val_accuracy"));
  }

  @Test
  void classificationReportTablesGivePerClassAndAverageMetrics() {
    PrintedMetrics m = new PrintedMetrics();
    m.stream("              precision    recall  f1-score   support\n\n"
        + "           0       0.97      1.00      0.98       965\n"
        + "      setosa       0.98      0.80      0.88       150\n\n"
        + "    accuracy                           0.97      1115\n"
        + "   macro avg       0.97      0.90      0.93      1115\n"
        + "weighted avg       0.97      0.97      0.97      1115\n");
    Map<String, Metric> got = apply(m).getMetrics();
    assertEquals(0.97, got.get("class.0.precision").last());
    assertEquals(0.80, got.get("class.setosa.recall").last());
    assertEquals(0.93, got.get("macro_avg.f1").last());
    assertEquals(0.97, got.get("weighted_avg.recall").last());
    assertEquals(0.97, got.get("accuracy").last());
    assertFalse(got.containsKey("precision"), "header words are not values");
  }

  @Test
  void boostingEvaluationLinesAreSeriesOverIterations() {
    PrintedMetrics m = new PrintedMetrics();
    m.stream("[0]\ttrain-rmse:5.29132\teval-rmse:5.30001\n[1]\ttrain-rmse:4.1\teval-rmse:4.2\n"
        + "[10]\tvalid_0's l2: 0.25\tvalid_0's auc: 0.9\n");
    Map<String, Metric> got = apply(m).getMetrics();
    assertEquals(4.1, got.get("train_rmse").last());
    assertEquals(1L, got.get("eval_rmse").lastStep());
    assertEquals(0.9, got.get("valid_0.auc").last());
  }

  @Test
  void resultsCountWhenTheCellEndsInAMetricNamedExpression() {
    PrintedMetrics m = new PrintedMetrics();
    m.result("0.9312", "acc = accuracy_score(y, p)\nacc");
    m.result("np.float64(0.81)", "f1_score(y_test, pred, average='macro')");
    m.result("0.5", "model.score(X, y)");
    m.result("42", "len(df)");
    m.result("0.7", "x = 1\nresults['val_loss']");
    m.result("   a  b\n0  1  2", "accuracy");
    Map<String, Metric> got = apply(m).getMetrics();
    assertEquals(0.9312, got.get("accuracy").last());
    assertEquals(0.81, got.get("f1").last());
    assertEquals(0.5, got.get("score").last());
    assertEquals(0.7, got.get("val_loss").last());
    assertEquals(4, got.size(), got.keySet().toString());
  }

  @Test
  void namesAreNormalised() {
    assertEquals("val_accuracy", MetricNames.normalise("Validation Acc"));
    assertEquals("test_f1", MetricNames.normalise("test-f1-score"));
    assertEquals("val_mse", MetricNames.normalise("val_mean_squared_error"));
    assertEquals("mae", MetricNames.normalise("Mean Absolute Error"));
    assertEquals("r2", MetricNames.normalise("R2 score"));
    assertTrue(MetricNames.isMetric("val_acc"));
    assertFalse(MetricNames.isMetric("accuracy_scores"));
  }
}
