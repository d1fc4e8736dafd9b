import dev.weft.Op;

/** Compiled by ParameterNamesIT with different javac flags. */
public class Named {
  @Op
  static int add(int left, int right) {
    return left + right;
  }

  public static void main(String[] args) {
    System.out.println(add(1, 2));
  }
}
